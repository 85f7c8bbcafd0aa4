"""The trigger behaviour: open the canvas or answer inline; with a document open, route the turn.

Explicit requests ("use the canvas", "just answer here") win; otherwise the trained target (a
linear model over n-grams and hand features) decides. `KeywordTrigger` is the rule baseline.
"""

from __future__ import annotations

from canvas_tui.behaviours.interfaces import Trigger
from canvas_tui.behaviours.trigger.implementations import KeywordTrigger, TrainedTrigger


def default_trigger() -> Trigger:
    """The trigger the app uses: explicit rules, then the trained models (loaded on first use)."""
    return TrainedTrigger()


__all__ = ["KeywordTrigger", "TrainedTrigger", "default_trigger"]
