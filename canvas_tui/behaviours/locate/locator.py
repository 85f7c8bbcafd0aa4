"""The section locator: which part of a document an edit request is about.

Order of evidence (spec.md): a selection wins; a request about the whole document takes it all;
otherwise a scope is narrowed (a named section, an ordinal unit, the intro or the conclusion) and
the target is picked inside it by ordinal, heading, quote, position or topic, in that order. All of it
is deterministic rules except topic scoring, which also weighs meaning with a small embedding model
when one is installed (`meaning.py`).
"""

from __future__ import annotations

import asyncio
import re

from canvas_tui.behaviours.base import Candidate, LocateDecision, Provenance, Span
from canvas_tui.behaviours.locate.chat import remarks
from canvas_tui.behaviours.locate.counted import by_added_item, by_count, by_leading_number, by_listed_ordinal
from canvas_tui.behaviours.locate.echoed import echoed
from canvas_tui.behaviours.locate.parts import blocks, has_lead, named_sections
from canvas_tui.behaviours.locate.related import INTRODUCTION, named_in_prose, section_groups
from canvas_tui.behaviours.locate.reply import (
    code_evidence,
    deliverable_blocks,
    introduced_by,
    is_code_reply,
    names_other_part,
    pasted_error,
    rank_blocks,
    repeated_block,
)
from canvas_tui.behaviours.locate.request import KIND_ORDER, Cues, parse
from canvas_tui.behaviours.locate.resolve import (
    Found,
    by_dotted_label,
    by_heading,
    by_ordinal,
    by_outline_point,
    by_position,
    by_quote,
    by_topic,
    concrete,
    numbered_section,
    top_sections,
    units_in,
)
from canvas_tui.behaviours.locate.scoring import relevance
from canvas_tui.behaviours.locate.special import (
    by_block,
    by_item,
    by_item_label,
    by_link,
    by_list,
    by_role,
    by_speaker,
    by_title,
    narrowed,
    repeated_urls,
)
from canvas_tui.behaviours.locate.steps import by_step, steps
from canvas_tui.behaviours.locate.text import stems, topic_stems
from canvas_tui.behaviours.locate.verbatim import verbatim
from canvas_tui.document.units import Segmentation, Unit, segment

_FENCED = re.compile(r"[ \t]*(?:```|~~~)")
_REWORDED = re.compile(
    r"\b(?:translat\w*|formal|informal|tone|polite|casual|professional|friendl\w*|grammar|spelling|typos?|proofread)\b"
)
"""A change to the wording of the whole reply ('make it more formal', 'translate it'): on a reply built around code,
'it' / 'this' / 'that' is otherwise its code ('write it more elegantly', 'please add this')."""

_LINKS = re.compile(r"\b(?:links|urls|hyperlinks)\b")
"""Links named in the plural: all of the reply's links, not one of them."""
NAME = "rules"
VERSION = "3"
QUOTE_FOUND = 0.6
AMBIGUOUS_RATIO = 0.9
CLEAR_LEAD = 0.5
STATED_WORDS = 2
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})[.):]?\s+")


def _provenance() -> Provenance:
    return Provenance(implementation=NAME, version=VERSION)


def _nothing() -> LocateDecision:
    return LocateDecision(span=None, unit=None, confidence=0.0, provenance=_provenance())


def from_selection(seg: Segmentation, selection: Span) -> LocateDecision:
    """A selection overrides the locator: return it, with the smallest unit kind that contains it."""
    holder = seg.smallest_containing(selection.start, selection.end)
    return LocateDecision(
        span=selection,
        unit=holder.kind if holder else "sentence",
        confidence=1.0,
        style="selection",
        from_selection=True,
        provenance=_provenance(),
    )


def _whole(seg: Segmentation, confidence: float) -> LocateDecision:
    unit = seg.document
    return LocateDecision(
        span=Span(start=unit.start, end=unit.end),
        unit="document",
        confidence=confidence,
        style="whole",
        label="the whole document",
        provenance=_provenance(),
    )


def _asks_for_whole(seg: Segmentation, cues: Cues, heading: Found | None) -> bool:
    """'make it more formal', 'fix all typos': a request with a global cue and no narrower one (a pronoun or a
    document noun is none when the request states content that one unit holds: `_stated_in_one`)."""
    narrower = cues.kinds or cues.quote or cues.ordinal is not None or cues.opening or cues.closing or heading
    return (cues.whole or cues.pronoun_only) and not narrower and not _stated_in_one(seg, cues)


def _stated_in_one(seg: Segmentation, cues: Cues) -> bool:
    """The request names the reply only by a pronoun or a document noun ('revise this cover letter by including that I
    am a graduate of ...', 'read the text more carefully. The book of Luke gives ...') and states content that one
    unit holds: two or more of its topic words, matched at least twice as well as in any other unit (BM25, as rule 8
    weighs a clear match). A request that says 'whole' or 'throughout', or changes the wording ('more formal',
    'translate it'), stays about the whole reply; so does one whose words no unit holds ('make it less corporate')."""
    if cues.whole_said or _REWORDED.search(cues.text):
        return False
    query = topic_stems(cues.text)
    kind = _default_kind(seg, None)
    ranked = relevance(seg.text, kind, query, units_in(seg, kind, None)) if query else []
    if not ranked or ranked[0][1] <= 0.0 or (len(ranked) > 1 and ranked[1][1] > CLEAR_LEAD * ranked[0][1]):
        return False
    best = ranked[0][0]
    return len(set(query) & set(stems(seg.text[best.start : best.end]))) >= STATED_WORDS


def _target_kind(cues: Cues) -> str | None:
    return cues.kind or ("part" if "part" in cues.kinds else None)


def _position_in_section(cues: Cues, heading: Found | None) -> bool:
    """'The end of the history section', 'the Physiology section's intro': a position inside a section that the
    request names by a title other than the position word itself or its synonyms (unlike 'the intro section',
    or 'the introduction' naming a Background section)."""
    if heading is None or not (cues.opening or cues.closing) or cues.ordinal is not None:
        return False
    title = _NUMBERING.sub("", heading.best.title)
    named_by_position = (
        parse(title).opening or parse(title).closing or section_groups(title) & section_groups(cues.text)
    )
    return _target_kind(cues) in (None, "section", "part") and not named_by_position


def _scope(seg: Segmentation, cues: Cues, heading: Found | None) -> tuple[Unit | None, str | None]:
    """The unit the target must lie in (None: the whole document) and the evidence that named it."""
    kind = _target_kind(cues)
    if _position_in_section(cues, heading):
        return heading.best, "heading"
    if cues.scope_ordinal is not None:
        outer = heading.best if heading else None
        found = by_ordinal(seg, concrete(cues.scope_kind, seg), cues.scope_ordinal, outer)
        return (found.best, "ordinal") if found else (None, None)
    described = _described_paragraph(seg, cues, heading)
    if described:
        return described, "meaning"
    if heading and (KIND_ORDER.get(kind or "", 3) < 2 or (cues.ordinal is not None and kind in ("section", "part"))):
        return heading.best, "heading"
    if kind == "sentence" and (cues.opening or cues.closing) and (cues.ordinal is not None or cues.quote):
        found = by_position(seg, "paragraph", cues.opening, None)
        return (found.best, "position") if found else (None, None)
    return None, None


def _described_paragraph(seg: Segmentation, cues: Cues, heading: Found | None) -> Unit | None:
    """'The second sentence of the unions paragraph': a sentence counted inside a paragraph named by its topic
    (in the named section, if any)."""
    if cues.ordinal_kind != "sentence" or "paragraph" not in cues.kinds or cues.opening or cues.closing:
        return None
    found = by_topic(seg, cues.text, "paragraph", heading.best if heading else None)
    return found.best if found else None


def _groups(seg: Segmentation, cues: Cues) -> frozenset[int]:
    """Standard parts the request names ('findings', 'methodology'); 'the intro' names an Introduction
    or Background section only when no untitled lead comes before the first section."""
    titles = " ".join(unit.title for unit in named_sections(seg))
    groups = section_groups(cues.text) - named_in_prose(cues.text, seg.text, titles)
    return groups - {INTRODUCTION} if has_lead(seg, top_sections(seg, None)) else groups


def _default_kind(seg: Segmentation, scope: Unit | None) -> str:
    """Without a unit noun: a paragraph, or a sentence where the scope is a single paragraph of prose (an abstract); a
    lone table stays whole (a reply built around it, rule 25: 'add the season each task should be done in'), and so
    does a lone paragraph that a chat preamble hands over ('Sure, here's a possible introduction:' above it, rule 14):
    it is the deliverable."""
    paragraphs = units_in(seg, "paragraph", scope)
    lone_table = len(paragraphs) == 1 and blocks(seg.text).get(paragraphs[0].start) == "table"
    handed = len(paragraphs) == 1 and _after_preamble(seg, paragraphs[0])
    return "sentence" if len(paragraphs) <= 1 and not lone_table and not handed else "paragraph"


def _after_preamble(seg: Segmentation, unit: Unit) -> bool:
    """The reply opens with a chat preamble ('Sure, here is ...') that comes before the unit."""
    first = seg.paragraphs[0] if seg.paragraphs else None
    return first is not None and first.end <= unit.start and first.start in remarks(seg.text)


def _target(
    seg: Segmentation, cues: Cues, heading: Found | None, scope: Unit | None, groups: frozenset[int] = frozenset()
) -> Found | None:
    """The target inside the scope, by the first kind of evidence the request gives."""
    kind = _target_kind(cues)
    special = _block_or_item(seg, cues, scope)
    if special:
        return special
    if _position_in_section(cues, heading):
        return by_position(seg, "paragraph", cues.opening, scope)
    if cues.ordinal is not None:
        return by_ordinal(seg, concrete(cues.ordinal_kind, seg), cues.ordinal, scope)
    if heading and kind in (None, "section", "part") and scope is None and not cues.quote:
        listed = by_list(seg, cues.text, heading.best) if cues.listed else None
        return listed or (narrowed(seg, heading, cues.text, groups) if kind is None else heading)
    default = _default_kind(seg, scope)
    if cues.quote:
        return _quoted(seg, cues, kind, default, scope)
    if cues.opening or cues.closing:
        return by_position(seg, concrete(kind, seg, default), cues.opening, scope)
    return _described(seg, cues, heading is not None, scope, groups, default)


def _block_or_item(seg: Segmentation, cues: Cues, scope: Unit | None) -> Found | None:
    """A block the request names by its kind ('the table', 'the second code block'), a list by how many items it
    holds ('those 5 defects'), a point by what its list calls it ('the 3rd case'), or a list item by topic."""
    if cues.block:
        return by_block(seg, cues.block, cues.text, scope, cues.ordinal if cues.ordinal_kind == "paragraph" else None)
    counted = by_count(seg, cues.count, scope, cues.text) if cues.count is not None else None
    counted = counted or (by_listed_ordinal(seg, *cues.listed_ordinal) if cues.listed_ordinal else None)
    if counted:
        return counted
    return by_item(seg, cues.text, scope) if cues.item and cues.ordinal is None else None


def _quoted(seg: Segmentation, cues: Cues, kind: str | None, default: str, scope: Unit | None) -> Found | None:
    """The unit holding a quote ('the bit where it says X' is the quote's own unit); a half-quote
    found nowhere is read as a topic ('where it talks about X'), an exact one locates nothing."""
    quoted = kind if kind and not cues.vague else None
    found = by_quote(seg, cues, concrete(quoted, seg, "sentence") if quoted else None, scope)
    if found and found.ranked[0][1] >= QUOTE_FOUND:
        return found
    return None if cues.quote_exact else by_topic(seg, cues.text, concrete(kind, seg, default), scope)


def _described(
    seg: Segmentation, cues: Cues, named: bool, scope: Unit | None, groups: frozenset[int], default: str
) -> Found | None:
    """A part described rather than named: a speaker's quote, an abstract sentence's role, a list, a topic. Roles are
    read in an abstract: a request naming no unit picks a sentence by its role only where a sentence is the default
    (not in a lone paragraph that a chat preamble hands over, nor in a lone table)."""
    kind = _target_kind(cues)
    found = by_speaker(seg, cues.text, scope) if cues.speaker and kind in (None, "paragraph") else None
    roles = kind in ("sentence", "paragraph") or (kind is None and default == "sentence")
    found = found or (by_role(seg, groups, scope, kind, cues.text) if not named and roles else None)
    found = found or (by_list(seg, cues.text, scope) if cues.listed and kind in (None, "paragraph") else None)
    found = found or (by_item_label(seg, cues.text, scope) if kind is None else None)
    found = found or (by_added_item(seg, cues.text) if kind is None and scope is None else None)
    if found:
        return found
    found = by_topic(seg, cues.text, default if kind == "part" else concrete(kind, seg, default), scope)
    return narrowed(seg, found, cues.text, groups) if found and kind is None else found


def _confidence(found: Found) -> tuple[float, bool]:
    """Confidence from the best score and its lead over the runner-up; ambiguous when they are close."""
    best = found.ranked[0][1]
    second = found.ranked[1][1] if len(found.ranked) > 1 else 0.0
    if found.style in ("ordinal", "position"):
        return 0.9, False
    close = best > 0 and second >= AMBIGUOUS_RATIO * best and not (found.style == "quote" and best >= 0.95)
    return round(max(0.05, min(1.0, 0.4 * best + 0.6 * (best - second))), 3), close


def _label(unit: Unit) -> str:
    return f'section "{unit.title}"' if unit.kind == "section" else f"{unit.kind} {unit.index + 1}"


def _decision(found: Found, scope_style: str | None) -> LocateDecision:
    unit = found.best
    confidence, ambiguous = _confidence(found)
    style = "combined" if scope_style and scope_style != found.style else found.style
    candidates = [
        Candidate(span=Span(start=u.start, end=u.end), unit=u.kind, score=round(s, 4), title=u.title or None)
        for u, s in found.ranked[:3]
    ]
    return LocateDecision(
        span=Span(start=unit.start, end=unit.end),
        unit=unit.kind,
        confidence=confidence,
        style=style,
        ambiguous=ambiguous,
        candidates=candidates,
        label=_label(unit),
        provenance=_provenance(),
    )


def _code(seg: Segmentation, cues: Cues, request: str, heading: Found | None) -> Found | None:
    """On a reply built around code (or around a table), the block a request is about (spec 23, 25): a pasted
    error always targets code, and a request that repeats a whole line of one block (a command it gives, the line an
    error quotes) targets that block unless it names another part; otherwise a request that names no other part (prose
    unit, point, position, quote, heading) does when it is about code, or when it names nothing at all and is not about the whole reply (a pronoun
    alone is the code unless the request rewords the reply: 'make it more formal'). Where the
    code sits in numbered steps, a request about what a step does, not about code, names the step (spec 24)."""
    if not deliverable_blocks(seg):
        return None
    repeated = repeated_block(seg, request)
    if repeated is not None and (pasted_error(request) or not (names_other_part(cues, seg) or heading)):
        return Found([(repeated, 1.0)], "quote")
    if not (pasted_error(request) and is_code_reply(seg)):
        if names_other_part(cues, seg) or heading is not None:
            return None
        about_code = code_evidence(request, seg)
        if not about_code and (cues.whole or cues.pronoun_only and _REWORDED.search(cues.text)):
            return None
        if cues.whole and not any(_FENCED.match(seg.text, block.start) for block in deliverable_blocks(seg)):
            return None  # 'the whole program' on code with no fences (a source file) is all of it, not one run
        step = by_step(seg, request) if not about_code else None
        if step:
            return step
    return Found(rank_blocks(seg, request), "meaning")


def _link(seg: Segmentation, cues: Cues, heading: Found | None) -> Found | None:
    """A complaint about a link the reply gives ('the link is wrong', or the link itself: 'https://example.com/api
    does not exist'), naming no other part: the unit holding the URL (its step, when the reply's code sits in
    numbered steps)."""
    named = repeated_urls(seg.text, cues.text)
    if not (cues.link or named) or heading or cues.kinds or cues.ordinal is not None or cues.quote:
        return None
    return by_link(seg, cues.text, steps(seg.text), plural=bool(_LINKS.search(cues.text)), named=named)


def _introduced(seg: Segmentation, cues: Cues, found: Found) -> Found:
    """A line ending in a colon found by quote or topic, with no unit noun named, stands for what it introduces ('I
    need contents for "2-d) Marketing plan, etc."' -> the list under that line): the paragraph or block below it."""
    if cues.kinds or found.style not in ("quote", "meaning"):
        return found
    below = introduced_by(seg, found.best)
    return Found([(below, found.ranked[0][1])], found.style) if below else found


def _numbers_named(seg: Segmentation, cues: Cues) -> Cues:
    """The cues without a point or step number that names nothing in the text ('step 2', 'number 2' where there is no
    list item and no numbered heading): the rest of the request locates (spec 24)."""
    if cues.ordinal_kind not in ("item", "step") or seg.items or numbered_section(seg, cues.ordinal, None):
        return cues
    return cues.model_copy(update={"ordinal": None, "ordinal_kind": None})


def _named_line(seg: Segmentation, cues: Cues) -> Found | None:
    """A line the request names outright: a short one by all its words ('the thank you'), a point or sentence whose
    words it repeats, a point by its dotted outline number ('4.3'), or the title."""
    said = (verbatim(seg, cues.text) or echoed(seg, cues.text)) if cues.quote is None else None
    if said:
        return Found([(said, 1.0)], "quote")
    found = by_dotted_label(seg, cues.text) or by_outline_point(seg, cues.text)
    return found or (by_title(seg) if cues.title else None)


def decide(document: str, request: str, selection: Span | None = None) -> LocateDecision:
    """Locate the part of `document` that `request` is about (synchronous core of the locator)."""
    seg = segment(document)
    if seg.document is None:
        return _nothing()
    if selection is not None:
        return from_selection(seg, selection)
    cues = parse(request)
    leading = by_leading_number(seg, cues)
    if leading:
        return _decision(leading, None)
    cues = _numbers_named(seg, cues)
    line = _named_line(seg, cues)
    if line:
        return _decision(line, None)
    groups = _groups(seg, cues)
    heading = by_heading(seg, cues, groups)
    link = _link(seg, cues, heading)
    if link:
        return _decision(link, None)
    code = _code(seg, cues, request, heading)
    if code:
        return _decision(code, None)
    if _asks_for_whole(seg, cues, heading):
        return _whole(seg, 0.8)
    scope, scope_style = _scope(seg, cues, heading)
    found = _target(seg, cues, heading, scope, groups)
    if found:
        return _decision(_introduced(seg, cues, found), scope_style)
    if scope is not None:
        return _decision(Found([(scope, 0.6)], scope_style or "heading"), None)
    return _nothing() if cues.quote else _whole(seg, 0.3)


class RulesLocator:
    """The default `SectionLocator`: rules over document units; topics also scored by meaning with a small
    sentence-embedding model when it is installed (`meaning.py`)."""

    name = NAME
    version = VERSION

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision:
        """Locate the span `request` is about; see `decide`. Runs in a thread: the first request by meaning on a
        long document encodes its units with the embedding model (about a second per 10 KB), which must not
        stall the app's event loop."""
        return await asyncio.to_thread(decide, document, request, selection)
