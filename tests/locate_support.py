"""Helpers for locator tests."""

from __future__ import annotations

from canvas_tui.behaviours.locate import decide


def located_text(document: str, request: str) -> str:
    """The text of the span the default locator finds for `request` (it must find one)."""
    decision = decide(document, request)
    assert decision.span is not None
    return document[decision.span.start : decision.span.end]
