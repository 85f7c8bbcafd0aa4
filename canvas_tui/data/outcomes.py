"""What a decision decided, and what a person's correction says it should have been, in comparable form.

Spans agree when they overlap with IoU >= 0.5 (the locate and anchor evals' hit criterion); labels
agree when equal. Corrections that only reject a decision (an undo, a dismissed comment, a hand
rewrite) say it was wrong without saying what was right.
"""

from __future__ import annotations

from pydantic import BaseModel

from canvas_tui.behaviours.base import Span
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

SPAN_BEHAVIOURS = {"locate", "anchor"}
HIT_IOU = 0.5


class Outcome(BaseModel):
    """A decision reduced to what it decided: a label, or a span (None: nothing found)."""

    label: str | None = None
    span: Span | None = None
    spanned: bool = False

    def __str__(self) -> str:
        if self.spanned:
            return f"[{self.span.start}, {self.span.end})" if self.span else "none"
        return str(self.label)

    def agrees(self, other: Outcome) -> bool:
        """Same label, or spans that overlap enough (two 'nothing found' agree)."""
        if self.spanned or other.spanned:
            if self.span is None or other.span is None:
                return self.span is None and other.span is None
            return self.span.iou(other.span) >= HIT_IOU
        return self.label == other.label


def outcome_of(record: DecisionRecord) -> Outcome:
    """What one logged decision decided."""
    output = record.output
    if record.behaviour in SPAN_BEHAVIOURS:
        span = output.get("span")
        return Outcome(span=Span(**span) if span else None, spanned=True)
    if record.behaviour == "comment":
        return Outcome(label=f"{len(output.get('comments', []))} comments")
    return Outcome(label=output.get("label"))


def expected_by(correction: CorrectionRecord) -> Outcome | None:
    """What the person's correction says the decision should have been; None when it only rejects it."""
    detail = correction.detail
    if correction.kind == "canvas_closed":
        return Outcome(label="inline")
    if correction.kind == "canvas_opened":
        return Outcome(label="canvas")
    if correction.kind == "section_reselected":
        return Outcome(span=Span(**detail["selection"]), spanned=True)
    if correction.kind == "locate_answered":
        return Outcome(span=Span(**detail["chosen"]["span"]), spanned=True)
    return None
