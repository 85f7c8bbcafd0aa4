"""The comment anchor behaviour: a model's imperfect quote -> a span of the document, or none."""

from __future__ import annotations

from canvas_tui.behaviours.anchor.anchorer import TextQuoteAnchorer
from canvas_tui.behaviours.interfaces import CommentAnchorer


def default_anchorer() -> CommentAnchorer:
    """The anchorer the session uses: normalised text-quote matching with calibrated thresholds."""
    return TextQuoteAnchorer()


__all__ = ["TextQuoteAnchorer", "default_anchorer"]
