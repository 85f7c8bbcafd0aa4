"""The trigger behaviour: open the canvas or answer inline; with a document open, route the turn.

Explicit requests ("use the canvas", "just answer here") win; otherwise the trained target decides: a linear
model over n-grams and hand features, and in its uncertain band a fine-tuned MiniLM (`CascadeTrigger`; the
linear model alone is `TrainedTrigger`). `KeywordTrigger` is the rule baseline.
"""

from __future__ import annotations

from canvas_tui.behaviours.interfaces import Trigger
from canvas_tui.behaviours.trigger.implementations import CascadeTrigger, KeywordTrigger, TrainedTrigger


def default_trigger() -> Trigger:
    """The trigger the app uses: explicit rules, then the trained models (loaded on first use)."""
    return CascadeTrigger()


__all__ = ["CascadeTrigger", "KeywordTrigger", "TrainedTrigger", "default_trigger"]
