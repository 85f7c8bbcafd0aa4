"""Spans of edit rows computed by code: the unit of the stated kind holding the row's quoted anchor.

Every behaviour whose rows are edit requests (locate, policy) declares `edit_row_span` as its `span_of`, so synth
and lint compute a row's span from its quoted anchor the way the locate labels are filled.
"""

from __future__ import annotations

from typing import Any

from canvas_tui.document.holding import unit_holding
from canvas_tui.pipeline.checks import Rejected


def edit_span(text: str, unit: str, anchor: str) -> tuple[int, int]:
    """The span of the `unit` holding the only occurrence of `anchor` (the whole document for unit=document).

    An anchor that is given must be in the document whatever the unit: a made-up quote is a made-up example."""
    if anchor.strip() and anchor not in text:
        raise Rejected("anchor not in the document")
    if unit != "document":
        if not anchor.strip():
            raise Rejected("no quoted anchor for a part of the document")
        if text.count(anchor) != 1:
            raise Rejected("anchor occurs more than once")
    try:
        return unit_holding(text, unit, anchor if unit != "document" else "")
    except ValueError as exc:
        raise Rejected(f"anchor is not inside a {unit}") from exc


def edit_row_span(row: dict[str, Any], document: str) -> tuple[int, int]:
    """The span an edit row's `unit` and quoted `anchor` give in its document."""
    return edit_span(document, str(row.get("unit") or ""), str(row.get("anchor") or ""))
