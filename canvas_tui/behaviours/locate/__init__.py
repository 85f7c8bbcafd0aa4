"""Locate: which part of an open document an edit request is about (sentence, paragraph, section, all).

`default_locator()` is what the session uses; `decide()` is its synchronous core.
"""

from __future__ import annotations

from canvas_tui.behaviours.interfaces import SectionLocator
from canvas_tui.behaviours.locate.locator import RulesLocator, decide


def default_locator() -> SectionLocator:
    """The locator the app uses: rules over document units, with topics scored by meaning when the
    embedding model is installed."""
    return RulesLocator()


__all__ = ["RulesLocator", "decide", "default_locator"]
