"""Comments anchored to spans, and how their anchors follow each change of the text."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from canvas_tui.document.changes import Change

CommentStatus = Literal["anchored", "orphaned", "dismissed", "applied"]
Refinder = Callable[[str, str, int], "tuple[int, int] | None"]
"""(text, quote, near offset) -> span where the quote now is, or None."""


class Comment(BaseModel):
    """A comment on `[start, end)`; `quote` is the text it was anchored to, for re-finding after edits."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    quote: str
    comment: str
    suggestion: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    status: CommentStatus = "anchored"
    score: float = 1.0
    ambiguous: bool = False
    decision_id: str | None = None

    @property
    def active(self) -> bool:
        """Shown in the canvas: anchored and neither dismissed nor applied."""
        return self.status == "anchored"


def follow_change(comment: Comment, change: Change, new_text: str, refind: Refinder | None) -> Comment:
    """Where the comment is after `change`: unchanged, shifted, re-found, or orphaned.

    An orphaned comment is looked for again only when its quote is back in the changed region (an undo,
    say): searching a long document for every orphan on every keystroke made edits slow.
    """
    if comment.status in ("dismissed", "applied"):
        return comment
    if comment.status == "orphaned" and not _back_in(comment.quote, change, new_text):
        return comment
    if comment.status == "anchored":
        if comment.end <= change.start and not (comment.end == change.start == comment.start):
            return comment
        if comment.start >= change.end:
            return comment.model_copy(update={"start": comment.start + change.delta, "end": comment.end + change.delta})
    return _refound(comment, new_text, refind)


def _back_in(quote: str, change: Change, new_text: str) -> bool:
    """True when `quote` now occurs in the text around the change's new region."""
    low = max(0, change.start - len(quote))
    return quote in new_text[low : change.start + len(change.new) + len(quote)]


def _refound(comment: Comment, text: str, refind: Refinder | None) -> Comment:
    span = refind(text, comment.quote, comment.start) if refind else None
    if span is None:
        return comment.model_copy(update={"status": "orphaned"})
    return comment.model_copy(update={"start": span[0], "end": span[1], "status": "anchored"})
