"""Where a comment row's quote anchors, computed by the anchorer the app uses: the comment's declared `span_of`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.interfaces import CommentAnchorer
from canvas_tui.pipeline.checks import Rejected


@lru_cache(maxsize=1)
def _anchorer() -> CommentAnchorer:
    """One anchorer for every row (it holds no trained artifact, only its calibrated thresholds)."""
    return default_anchorer()


def quote_row_span(row: dict[str, Any], document: str) -> tuple[int, int]:
    """Where the comment row's quote anchors in its document."""
    result = _anchorer().anchor(document, str(row.get("quote") or ""))
    if result.span is None:
        raise Rejected("quote does not anchor in the document")
    return result.span.start, result.span.end
