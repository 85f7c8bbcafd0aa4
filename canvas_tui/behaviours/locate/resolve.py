"""Turning request cues into units of one document: scopes, ordinals, positions, quotes, topics.

Each resolver returns a `Found` (units best first with scores, and the style of evidence) or None
when its cue is absent, so the locator can try them in a fixed, documented order (spec.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from canvas_tui.behaviours.locate.meaning import blend, model_in_use
from canvas_tui.behaviours.locate.parts import is_furniture, named_sections
from canvas_tui.behaviours.locate.request import NUMBERS, Cues
from canvas_tui.behaviours.locate.scoring import Scored, heading_scores, quote_scores, relevance
from canvas_tui.behaviours.locate.text import topic_stems
from canvas_tui.document.units import Segmentation, Unit

HEADING_STRONG = 0.75
_NUMBERED = re.compile(r"(?:(?:step|part|chapter|section)\s+)?(\d{1,3}|[IVXLC]{1,7})(?:[.):]\s*|\s+)", re.I)
_MARKER = re.compile(r"\s*(\d{1,3})[.)]\s")
_BULLET = re.compile(r"[ \t]*[-*+][ \t]")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_OUTLINE = re.compile(r"([A-Z][a-z]+) (\d{1,2}|[IVX]{1,5})\b")
_NUMBER_WORDS = {str(value): word for word, value in NUMBERS.items()}
_ROMAN_LETTER = re.compile(r"(?<![\w.])([ivx]{1,5})\.\s?([a-z])\b\.?(?![\w.])")
"""An outline label in a request ('i. a.', 'ii.b'): a roman numeral and a letter, both followed by dots or the first."""
_OUTLINE_LINE = re.compile(r"^[ \t#*]*([IVX]{1,5}|[A-Z])\.[ \t]+\S.*$", re.M)
_DOTTED = re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d{1,2})+)(?![\w]|\.\d)")


@dataclass
class Found:
    """Units the evidence points at (best first, with scores) and which kind of evidence it was."""

    ranked: Scored
    style: str
    styles: list[str] = field(default_factory=list)

    @property
    def best(self) -> Unit:
        """The best unit."""
        return self.ranked[0][0]


def top_sections(seg: Segmentation, scope: Unit | None) -> list[Unit]:
    """The sections counted by 'the second section': the highest level inside the scope, below a lone title."""
    inside = [s for s in seg.sections if scope is None or (scope.contains(s.start, s.end) and s != scope)]
    if not inside:
        return []
    level = min(s.level for s in inside)
    if scope is None and sum(s.level == level for s in inside) == 1 and any(s.level > level for s in inside):
        level = min(s.level for s in inside if s.level > level)
    return [s for s in inside if s.level == level]


def units_in(seg: Segmentation, kind: str, scope: Unit | None) -> list[Unit]:
    """The units of `kind` inside the scope (the whole document when None); bylines, captions, back matter and
    the like are not paragraphs, nor are their sentences."""
    if kind == "section":
        return top_sections(seg, scope)
    if kind in ("item", "step"):
        items = [u for u in seg.items if scope is None or scope.contains(u.start, u.end)]
        numbered = [u for u in items if seg.text[u.start].isdigit()]
        return numbered if kind == "step" and numbered else items
    if scope is not None and scope.kind == kind:
        return [scope]
    units = [u for u in seg.units(kind) if scope is None or scope.contains(u.start, u.end)]
    if kind in ("paragraph", "sentence"):
        prose = [
            u for u in units if not is_furniture(seg.text, u if kind == "paragraph" else seg.paragraph_at(u.start) or u)
        ]
        return prose or units
    return units


def concrete(kind: str | None, seg: Segmentation, default: str = "paragraph") -> str:
    """A unit kind the document has: 'part' means a section when there are sections to choose from."""
    if kind == "part":
        return "section" if len(top_sections(seg, None)) > 1 else "paragraph"
    if kind in ("item", "step") and not seg.items:
        return "sentence"
    return kind or default


def _number(title: str) -> int | None:
    """The number a heading starts with: '2. Methods', 'II. History', 'Step 3: Test' (None if unnumbered)."""
    match = _NUMBERED.match(title)
    if not match:
        return None
    return _value(match.group(1))


def _value(digits: str) -> int:
    """The value of a number written in digits or roman numerals ('3', 'IV')."""
    if digits.isdigit():
        return int(digits)
    values = [_ROMAN[c] for c in digits.upper()]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0]))


def numbered_section(seg: Segmentation, number: int, scope: Unit | None) -> Unit | None:
    """The section headed with `number` ('## 3. Add the key' for 'step 3'), where the headings are numbered."""
    numbered = [
        s
        for s in seg.sections
        if (scope is None or scope.contains(s.start, s.end) and s != scope) and _number(s.title) is not None
    ]
    if len(numbered) < 2:
        return None
    return next((s for s in numbered if _number(s.title) == number), None)


def by_ordinal(seg: Segmentation, kind: str, ordinal: int, scope: Unit | None) -> Found | None:
    """The nth unit of `kind` in the scope (negative counts from the end); 'step 3' or 'part 2' is the
    section numbered so, when the headings are numbered, and 'point 3' the list item marked '3.' when there is one."""
    numbered = numbered_section(seg, ordinal, scope) if kind in ("step", "part", "section") else None
    if numbered:
        return Found([(numbered, 1.0)], "ordinal")
    units = units_in(seg, kind, scope)
    marked = [
        u
        for u in units
        if kind in ("item", "step")
        and _MARKER.match(seg.text, u.start)
        and int(_MARKER.match(seg.text, u.start).group(1)) == ordinal
    ]
    if marked:
        return Found([(with_sub_items(seg, marked[0]), 1.0)], "ordinal")
    if kind == "section" and not units:
        units = units_in(seg, "paragraph", scope)
    index = ordinal - 1 if ordinal > 0 else len(units) + ordinal
    if not 0 <= index < len(units):
        return None
    return Found([(with_sub_items(seg, units[index]), 1.0)], "ordinal")


def with_sub_items(seg: Segmentation, unit: Unit) -> Unit:
    """A list item with the items indented under it ('2. C++:' and its tab-indented bullets), up to the next item of
    its own level (spec 24: a point is its line, continuation lines and sub-items); bullets set right under a numbered
    point without indenting ('1. Market Research:' over '* Interview ...') are its sub-items too. Any other unit as
    it is."""
    if unit not in seg.items:
        return unit
    level, end = _indent(seg.text, unit.start), unit.end
    numbered = bool(_MARKER.match(seg.text, unit.start))
    for item in seg.items[seg.items.index(unit) + 1 :]:
        under = _indent(seg.text, item.start) > level or numbered and _BULLET.match(seg.text, item.start)
        if not under or seg.text[end : item.start].strip():
            break
        end = item.end
    return unit if end == unit.end else Unit(unit.kind, unit.start, end, unit.index)


def _indent(text: str, start: int) -> int:
    """How far the line holding `start` is indented before it (tabs as four spaces)."""
    return len(text[text.rfind("\n", 0, start) + 1 : start].expandtabs(4))


def by_position(seg: Segmentation, kind: str, opening: bool, scope: Unit | None) -> Found | None:
    """The first (opening) or last (closing) unit of `kind` in the scope."""
    found = by_ordinal(seg, kind, 1 if opening else -1, scope)
    return Found(found.ranked, "position") if found else None


def by_heading(seg: Segmentation, cues: Cues, groups: frozenset[int] = frozenset()) -> Found | None:
    """The section (or labelled abstract part) whose title the request names, if named clearly enough; an outline
    section by its label and number ('module one' for "Module 1: Introduction")."""
    sections = named_sections(seg)
    if not sections:
        return None
    labelled = by_outline_label(sections, cues.text)
    if labelled:
        return labelled
    ranked = heading_scores(sections, cues.text, cues.named, groups)
    return Found(ranked, "heading") if ranked[0][1] >= HEADING_STRONG else None


def by_dotted_label(seg: Segmentation, text: str) -> Found | None:
    """The one point or section a dotted outline number in the request marks ('listing 4.3' -> "4.3. Competency-based
    evaluation: ..." with its sub-items; spec 24): a version or a price ('Python 3.11', '2.5 stars') marks no line
    of the reply and names nothing."""
    for label in _DOTTED.findall(text):
        marker = re.compile(rf"[#*\s]*{re.escape(label)}\.?[):]?\s")
        lines = [u for u in (*seg.items, *seg.sections) if marker.match(seg.text, u.start)]
        if len(lines) == 1:
            return Found([(with_sub_items(seg, lines[0]), 1.0)], "ordinal")
    return None


def by_outline_point(seg: Segmentation, text: str) -> Found | None:
    """'Write I. A.', 'expand II.B': in an outline of roman-numbered lines with lettered lines under them ("I.
    Introduction" over "A. Definition of ..."), the line with that letter under the line with that numeral (spec 24)."""
    for roman, letter in _ROMAN_LETTER.findall(text):
        under = False
        for line in _OUTLINE_LINE.finditer(seg.text):
            mark = line.group(1)
            if under and mark == letter.upper():
                return Found([(Unit("sentence", line.start(), line.end(), 0), 1.0)], "ordinal")
            if set(mark) <= set("IVX"):
                under = mark == roman.upper()
    return None


def by_outline_label(sections: list[Unit], text: str) -> Found | None:
    """The section whose title starts with the label and number the request says ('module one', 'day 3', 'scene
    II'): "Module 1: Introduction", "Day 3", "Scene 2: The Storm" (spec 25)."""
    for section in sections:
        label = _OUTLINE.match(section.title)
        if not label:
            continue
        number = str(_value(label.group(2)))
        words = rf"(?:{number}|{_NUMBER_WORDS.get(number, number)}|{label.group(2).lower()})"
        if re.search(rf"\b{label.group(1).lower()}s?\s+(?:#|no\.?\s*|number\s+)?{words}\b", text):
            return Found([(section, 1.0)], "heading")
    return None


def expand(seg: Segmentation, unit: Unit, kind: str) -> Unit:
    """The unit of `kind` that contains `unit` (itself when it already is of that kind)."""
    if unit.kind == kind:
        return unit
    if kind == "paragraph":
        return seg.paragraph_at(unit.start) or unit
    if kind == "section":
        return seg.section_at(unit.start) or unit
    if kind == "document":
        return seg.document or unit
    return unit


def by_quote(seg: Segmentation, cues: Cues, kind: str | None, scope: Unit | None) -> Found | None:
    """The unit containing the quoted phrase: its sentence, or the paragraph when it spans sentences."""
    sentences = quote_scores(seg, cues.quote, units_in(seg, "sentence", scope))
    if not sentences:
        return None
    ranked = sentences
    if kind is None and sentences[0][1] < 0.8:
        paragraphs = quote_scores(seg, cues.quote, units_in(seg, "paragraph", scope))
        if paragraphs and paragraphs[0][1] > sentences[0][1] + 0.1:
            ranked = paragraphs
    target = kind or ranked[0][0].kind
    merged: dict[Unit, float] = {}
    for unit, score in ranked:
        outer = expand(seg, unit, target)
        merged[outer] = max(merged.get(outer, 0.0), score)
    return Found(sorted(merged.items(), key=lambda p: -p[1]), "quote")


def by_topic(seg: Segmentation, text: str, kind: str, scope: Unit | None) -> Found | None:
    """The units most about the request's topic words: BM25 over stems, blended with the similarity of
    meaning when the embedding model is available (then a paraphrase sharing no word still finds its unit)."""
    query = topic_stems(text)
    if not query:
        return None
    among = units_in(seg, kind, scope) if kind != "section" or scope is not None else list(seg.sections)
    ranked = relevance(seg.text, kind, query, among)
    if len(ranked) > 1 and model_in_use():
        ranked = blend(seg, text, among, dict(ranked))
    if not ranked or ranked[0][1] <= 0.0:
        return None
    return Found(ranked, "meaning")
