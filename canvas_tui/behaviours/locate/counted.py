"""Lists named by how many items they hold (spec convention 24): "each of those 5 possible defects", "the three
options" is the one list of the reply with exactly that many items (its sub-items not counted), when there is one;
and points counted by what their list's lead-in calls them ("the 3rd case" after "... these cases were rare").
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.locate.request import Cues
from canvas_tui.behaviours.locate.resolve import Found, by_ordinal, numbered_section, units_in
from canvas_tui.behaviours.locate.text import stems, topic_stems
from canvas_tui.document.units import Segmentation, Unit

_ADDED = re.compile(
    r"\b(?:add|adding|include|including|insert|append)\s+(?:an?|another|one more|one)\s+((?:[\w-]+\s+){0,2}[\w-]+)"
)
"""'Add a boolean attribute', 'include another example': one more of what a list holds."""
_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)]|[a-z][.)])[ \t]+")


def _lists(seg: Segmentation) -> list[tuple[Unit, int]]:
    """Each list of the text (consecutive paragraphs that are list items, blank lines between them allowed) with
    the number of its top-level items."""
    found, run = [], []
    for paragraph in seg.paragraphs:
        if _MARKER.match(seg.text, paragraph.start) and not paragraph.code:
            run.append(paragraph)
            continue
        found.append(run)
        run = []
    found.append(run)
    return [(_span(seg, run), _top_items(seg, run)) for run in found if run]


def _span(seg: Segmentation, run: list[Unit]) -> Unit:
    first = run[0]
    return first if len(run) == 1 else Unit("paragraph", first.start, run[-1].end, first.index)


def _top_items(seg: Segmentation, run: list[Unit]) -> int:
    """Items at the smallest indentation in the run of list paragraphs."""
    lines = [line for p in run for line in seg.text[p.start : p.end].split("\n") if _MARKER.match(line)]
    indents = [len(line) - len(line.lstrip()) for line in lines]
    return indents.count(min(indents)) if indents else 0


def by_count(seg: Segmentation, count: int, scope: Unit | None, text: str = "") -> Found | None:
    """The one list in the scope with exactly `count` top-level items, or None (no such list, or several that the
    request's words do not tell apart: among several, the one list whose lead-in shares a word with the request,
    'the above mentioned 6 variables' under '... you will need the following variables:')."""
    matching = [u for u, n in _lists(seg) if n == count and (scope is None or scope.contains(u.start, u.end))]
    if len(matching) > 1:
        said = set(stems(text))
        matching = [u for u in matching if said & set(stems(_lead_in(seg, u)))]
    return Found([(matching[0], 1.0)], "meaning") if len(matching) == 1 else None


def by_listed_ordinal(seg: Segmentation, ordinal: int, noun: str) -> Found | None:
    """'The 3rd case': the point with that number in the one list whose lead-in (the paragraph right before it)
    names what it lists by that noun ('... but these cases were rare:' above '1. In Pennsylvania ...')."""
    wanted = set(stems(noun))
    led = [span for span, _ in _lists(seg) if wanted & set(stems(_lead_in(seg, span)))]
    if len(led) != 1:
        return None
    return by_ordinal(seg, "item", ordinal, led[0])


def _lead_in(seg: Segmentation, span: Unit) -> str:
    """The text of the paragraph right before a list ('' when the list opens the text)."""
    before = [p for p in seg.paragraphs if p.end <= span.start]
    return seg.text[before[-1].start : before[-1].end] if before else ""


def by_leading_number(seg: Segmentation, cues: Cues) -> Found | None:
    """'Number 1' / 'point 3' where no line is marked as a list item and no heading is numbered: the first paragraph
    of the deliverable that starts with that number as a word ("1 AM - Struggling with insomnia ..."), if one does."""
    if cues.ordinal_kind not in ("item", "step") or cues.ordinal is None or cues.ordinal < 1 or seg.items:
        return None
    if numbered_section(seg, cues.ordinal, None):
        return None
    leading = re.compile(rf"[ \t*_]*{cues.ordinal}(?![\d.):,])\s+\S")
    found = next((p for p in units_in(seg, "paragraph", None) if leading.match(seg.text, p.start)), None)
    return Found([(found, 1.0)], "ordinal") if found else None


def by_added_item(seg: Segmentation, text: str) -> Found | None:
    """'Add a boolean attribute ...' under "The table has the following attributes:": the one list whose lead-in (the
    paragraph right above it) names what the request adds one more of; None when no list or several do."""
    added = {stem for match in _ADDED.finditer(text) for stem in topic_stems(match.group(1))}
    if not added:
        return None
    led = [span for span, _ in _lists(seg) if added & set(stems(_lead_in(seg, span)))]
    return Found([(led[0], 1.0)], "meaning") if len(led) == 1 else None
