"""Status-line labels for located parts: each says where, and quotes the start of what is there."""

from __future__ import annotations

from canvas_tui.behaviours.base import LocateDecision, Provenance, Span
from canvas_tui.session.labels import locate_label

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"


def test_a_paragraph_is_numbered_and_quotes_its_start():
    start = DOC.index("We ship")
    span = Span(start=start, end=DOC.index(" helps.") + 7)
    paragraph = LocateDecision(
        span=span, unit="paragraph", confidence=1.0, provenance=Provenance(implementation="t", version="1")
    )
    assert locate_label(DOC, paragraph) == '¶1 "We ship on Monday. Everyone…"'
