"""Resolvers for parts named by what they are rather than by their words: the title, a quote by its
speaker ("the quote from the mayor"), a list ("the ingredients list"), and the rhetorical role of a
sentence in an unlabelled abstract ("the methods sentence", "the main finding").
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.locate.parts import LABELLED, blocks, is_list, labelled_parts, title_line
from canvas_tui.behaviours.locate.related import group_stems, role_of, role_score
from canvas_tui.behaviours.locate.resolve import Found, units_in, with_sub_items
from canvas_tui.behaviours.locate.scoring import by_best_sentence, containing, relevance
from canvas_tui.behaviours.locate.text import stem, stems, topic_stems
from canvas_tui.document.units import Segmentation, Unit

_PLURAL = re.compile(r"\b(?:them|they|these|those)\b")
"""Pronouns for several of a list's items at once: the list, not one item."""
_QUOTE_MARK = re.compile(r"[\"“”]")
_ITEM_LABEL = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)]|[A-Za-z][.)])[ \t]+[*_`]*([^:\n*_`]{2,60}?)[*_`]*:")
MAX_LABEL_WORDS = 5
_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_SPEECH_WORDS = frozenset(
    stem(w)
    for w in (
        "quote",
        "quotes",
        "quotation",
        "remark",
        "remarks",
        "comment",
        "response",
        "reply",
        "statement",
        "said",
        "says",
        "told",
        "from",
    )
)
_BLOCK_WORDS = frozenset(
    stem(w)
    for w in (
        "table",
        "tables",
        "code",
        "block",
        "blocks",
        "example",
        "examples",
        "sample",
        "samples",
        "snippet",
        "snippets",
        "listing",
        "expected",
        "console",
        "terminal",
        "quote",
        "quotes",
        "blockquote",
        "pull",
        "callout",
        "footnote",
        "footnotes",
        "endnote",
        "caption",
        "captions",
        "figure",
        "image",
        "photo",
    )
)
_URL = re.compile(r"\bhttps?://|\bwww\.\w")
_FULL_URL = re.compile(r"\bhttps?://[^\s<>()\[\]`\"']+")
_LINK_WORDS = frozenset(stem(w) for w in ("link", "links", "url", "urls", "hyperlink", "hyperlinks"))
_ITEM_WORDS = frozenset(stem(w) for w in ("bullet", "bullets", "item", "items", "point", "points", "list"))
CONTEXT_WEIGHT = 0.5
MIN_ROLE_SENTENCES = 3
MAX_ROLE_PARAGRAPHS = 6


def by_title(seg: Segmentation) -> Found | None:
    """The title line (heading of a first section that holds all the others), if the document has one."""
    line = title_line(seg)
    return Found([(line, 1.0)], "position") if line else None


def _quoting(seg: Segmentation, unit: Unit) -> bool:
    return len(_QUOTE_MARK.findall(seg.text[unit.start : unit.end])) >= 2


def _names_near(seg: Segmentation, query: list[str]) -> list[str]:
    """Stems of names written next to a query word ('Mayor Ruth Abernathy' -> 'abernathy' for 'mayor')."""
    found = []
    for sentence in containing(seg.text, "sentence", query):
        tokens = seg.text[sentence.start : sentence.end].split()[1:]
        found += [stem(n.group().lower()) for token in tokens if (n := _NAME.match(token.strip("\"“”'(,")))]
    return found


def by_speaker(seg: Segmentation, text: str, scope: Unit | None) -> Found | None:
    """The paragraph quoting the person the request names (by name, role, or a name beside the role)."""
    quoted = [p for p in units_in(seg, "paragraph", scope) if _quoting(seg, p)]
    query = [t for t in topic_stems(text) if t not in _SPEECH_WORDS]
    if not quoted or not query:
        return None
    ranked = relevance(seg.text, "paragraph", query + _names_near(seg, query), quoted)
    return Found(ranked, "meaning") if ranked and ranked[0][1] > 0.0 else None


def _role_units(seg: Segmentation, scope: Unit | None, kind: str | None) -> list[Unit]:
    """The units that play roles: the sentences of a one-paragraph abstract, or (for 'the results paragraph')
    the paragraphs of a short unlabelled one."""
    paragraphs = units_in(seg, "paragraph", scope)
    if kind == "paragraph":
        return paragraphs if 1 < len(paragraphs) <= MAX_ROLE_PARAGRAPHS else []
    sentences = units_in(seg, "sentence", paragraphs[0]) if len(paragraphs) == 1 else []
    return sentences if len(sentences) >= MIN_ROLE_SENTENCES else []


def by_role(
    seg: Segmentation, groups: frozenset[int], scope: Unit | None, kind: str | None = None, text: str = ""
) -> Found | None:
    """In an unlabelled abstract, the sentence (or paragraph) that plays the named role (background ... conclusion);
    other topic words in the request ('the cognitive flexibility result') weigh as much as the role."""
    roles = [r for g in sorted(groups) if (r := role_of(g))]
    units = _role_units(seg, scope, kind) if roles else []
    if not units:
        return None
    last = len(units) - 1
    raw = [(s, role_score(seg.text[s.start : s.end], roles[0], n / last)) for n, s in enumerate(units)]
    low, high = min(v for _, v in raw), max(v for _, v in raw)
    query = [t for t in topic_stems(text) if t not in group_stems(groups)]
    topic = dict(relevance(seg.text, units[0].kind, query, units)) if query else {}
    scaled = [(s, ((v - low) / (high - low) if high > low else 1.0) + topic.get(s, 0.0)) for s, v in raw]
    top = max(v for _, v in scaled)
    return Found(sorted(((s, v / top) for s, v in scaled), key=lambda p: -p[1]), "meaning")


def by_list(seg: Segmentation, text: str, scope: Unit | None) -> Found | None:
    """'The ingredients list': the list paragraph in the scope most about the request's words (else the first)."""
    lists = [p for p in units_in(seg, "paragraph", scope) if is_list(seg.text, p)]
    if not lists:
        return None
    query = topic_stems(text)
    ranked = relevance(seg.text, "paragraph", query, lists) if query else [(u, 1.0) for u in lists]
    return Found(ranked, "meaning")


def _labelled(seg: Segmentation, unit: Unit) -> bool:
    """A labelled abstract part, or the paragraph that one such part fills ('Conclusions: ...' on its own)."""
    return unit.level == LABELLED or any((p.start, p.end) == (unit.start, unit.end) for p in labelled_parts(seg.text))


def narrowed(seg: Segmentation, found: Found, text: str, groups: frozenset[int]) -> Found:
    """A list found by topic narrows to its item about the topic (all of it, every sentence), unless the request speaks
    of its items in the plural ('please replace them with four-letter words'); a labelled abstract part running over
    several sentences narrows to the sentence about the words left once the part's name is set aside."""
    best = found.best
    listed = best.kind == "paragraph" and is_list(seg.text, best)
    if listed and _PLURAL.search(text) or not (listed or best.kind != "sentence" and _labelled(seg, best)):
        return found
    query = [t for t in topic_stems(text) if t not in group_stems(groups)]
    if listed:
        items = [u for u in seg.items if best.contains(u.start, u.end)]
        if _shared_by_all(seg, query, items):
            return found
        ranked = by_best_sentence(seg, query, items) if query and len(items) > 1 else []
    else:
        inner = units_in(seg, "sentence", best)
        ranked = relevance(seg.text, "sentence", query, inner) if query and len(inner) > 1 else []
    if not ranked or ranked[0][1] <= 0.0 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return found
    return Found(ranked, found.style)


def _shared_by_all(seg: Segmentation, query: list[str], items: list[Unit]) -> bool:
    """Every request word that an item of the list holds, every item holds ('summarize the companies with revenue,
    profit and employees' over items that each give a revenue, a profit and a head count): the words name what the
    items share, not one item."""
    held = [set(query) & set(stems(seg.text[u.start : u.end])) for u in items]
    return len(items) > 1 and bool(held[0]) and all(h == held[0] for h in held)


def by_block(seg: Segmentation, block: str, text: str, scope: Unit | None, ordinal: int | None = None) -> Found | None:
    """'The table', 'the code example in Configuration', 'the second code block': a block of that kind in the
    scope, by ordinal, else the one most about the request's other words (a code block also by the paragraph
    that introduces it), else the first."""
    paragraphs = [p for p in seg.paragraphs if scope is None or scope.contains(p.start, p.end)]
    kinds = blocks(seg.text)
    found = [(n, p) for n, p in enumerate(paragraphs) if kinds.get(p.start) == block]
    if not found:
        return None
    if ordinal is not None:
        index = ordinal - 1 if ordinal > 0 else len(found) + ordinal
        return Found([(found[index][1], 1.0)], "ordinal") if 0 <= index < len(found) else None
    query = [t for t in topic_stems(text) if t not in _BLOCK_WORDS]
    scores = dict(relevance(seg.text, "paragraph", query)) if query else {}
    ranked = [
        (p, scores.get(p, 0.0) + CONTEXT_WEIGHT * (scores.get(paragraphs[n - 1], 0.0) if n else 0.0)) for n, p in found
    ]
    if max(s for _, s in ranked) <= 0.0:
        ranked = [(p, 1.0 / (1 + n)) for n, (_, p) in enumerate(found)]
    return Found(sorted(ranked, key=lambda p: -p[1]), "meaning")


def by_item(seg: Segmentation, text: str, scope: Unit | None) -> Found | None:
    """'The bullet about X': the list item in the scope most about the request's other words."""
    items = [u for u in seg.items if scope is None or scope.contains(u.start, u.end)]
    query = [t for t in topic_stems(text) if t not in _ITEM_WORDS]
    if not items or not query:
        return None
    ranked = by_best_sentence(seg, query, items)
    return Found(ranked, "meaning") if ranked and ranked[0][1] > 0.0 else None


def repeated_urls(text: str, request: str) -> list[int]:
    """Starts of the reply's URLs that the request repeats ('https://example.com/api does not exist'), case, a
    closing slash and the brackets or punctuation around them aside."""
    said = {_bare(url) for url in _FULL_URL.findall(request)}
    return [m.start() for m in _FULL_URL.finditer(text) if _bare(m.group()) in said] if said else []


def _bare(url: str) -> str:
    return url.lower().rstrip("/.,;:!?)>]'\"")


def by_link(
    seg: Segmentation, text: str, holders: tuple[Unit, ...] = (), plural: bool = False, named: list[int] | None = None
) -> Found | None:
    """'The link is wrong', 'links not working': the unit holding a URL of the reply (one of `holders` when one holds
    it, such as a step; else its list item; else its paragraph), the one most about the request's other words when
    several do, else the first; a URL the request repeats (`named`) is the one meant. Links in the plural ('all
    those links are broken') are all of them: the smallest such unit holding every URL, when one does."""
    starts = named or [match.start() for match in _URL.finditer(seg.text)]
    units: list[Unit] = []
    for start in starts:
        unit = _holding(seg, start, holders)
        if unit is not None and unit not in units:
            units.append(unit)
    if not units:
        return None
    every = _holding_all(seg, starts, holders) if plural and len(units) > 1 else None
    if every is not None:
        return Found([(every, 1.0)], "meaning")
    query = set(topic_stems(text)) - _LINK_WORDS
    shared = {u: len(query & set(stems(seg.text[u.start : u.end]))) for u in units}
    ranked = sorted(units, key=lambda u: -shared[u])
    return Found([(u, (1 + shared[u]) / (1 + shared[ranked[0]])) for u in ranked], "meaning")


def _holding_all(seg: Segmentation, starts: list[int], holders: tuple[Unit, ...]) -> Unit | None:
    """The smallest unit the reply is read in (a holder, a list item, a paragraph) that holds every offset."""
    for units in (holders, seg.items, seg.paragraphs):
        found = [u for u in units if all(u.start <= at < u.end for at in starts)]
        if found:
            return min(found, key=lambda u: u.end - u.start)
    return None


def _holding(seg: Segmentation, at: int, holders: tuple[Unit, ...]) -> Unit | None:
    """The smallest unit the reply is read in that holds the offset: a holder, else a list item, else a paragraph."""
    for units in (holders, seg.items, seg.paragraphs):
        found = [u for u in units if u.start <= at < u.end]
        if found:
            return min(found, key=lambda u: u.end - u.start)
    return None


def by_item_label(seg: Segmentation, text: str, scope: Unit | None) -> Found | None:
    """The list item whose label (the few words before a colon at its start: '* Orbit: ...', '4. Content: ...',
    '**Enemy:** ...') the request names by all its words, like a heading (spec 24): that item with its sub-items; the
    one named by the most label words when several are, None when that is a tie."""
    asked = set(stems(text))
    named = []
    for item in seg.items:
        label = _ITEM_LABEL.match(seg.text, item.start)
        if (
            not label
            or len(label.group(1).split()) > MAX_LABEL_WORDS
            or scope
            and not scope.contains(item.start, item.end)
        ):
            continue
        words = set(topic_stems(label.group(1)))
        if words and words <= asked:
            named.append((item, len(words)))
    most = max((n for _, n in named), default=0)
    best = [item for item, n in named if n == most]
    return Found([(with_sub_items(seg, best[0]), 1.0)], "heading") if len(best) == 1 else None
