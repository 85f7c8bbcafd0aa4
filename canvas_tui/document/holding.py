"""The unit of a stated kind that holds a quoted anchor: how an edit row's span is computed from its words.

Labels and teacher rows name their target by quoting it (`anchor`) and saying its kind (`unit`); the span is never
trusted from a person or a model, it is recomputed here from the segmenter's units.
"""

from __future__ import annotations

from canvas_tui.document.units import segment


def unit_holding(text: str, unit: str, anchor: str) -> tuple[int, int]:
    """The span of the unit of kind `unit` that contains the first occurrence of `anchor`.

    A heading line counts as a sentence (the gold span of "shorten the title").
    """
    seg = segment(text)
    if unit == "document" or not anchor:
        return seg.document.start, seg.document.end
    at = text.find(anchor)
    if at < 0:
        raise ValueError(f"anchor not found: {anchor[:60]!r}")
    candidates = [*seg.units(unit), *(seg.headings if unit == "sentence" else ())]
    holders = [u for u in candidates if u.start <= at and at + len(anchor) <= u.end]
    if not holders:
        raise ValueError(f"no {unit} contains anchor {anchor[:60]!r}")
    best = min(holders, key=lambda u: u.end - u.start)
    return best.start, best.end
