"""Score anchorers on eval rows: a hit is IoU >= 0.5 with the gold span, or no anchor for none.

A false anchor (a span for a quote that is not in the document) is counted on its own, since a
wrong anchor is worse than none.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from canvas_tui.behaviours.anchor.evalset import NEGATIVE_KINDS, EvalRow
from canvas_tui.behaviours.base import AnchorResult, Span
from canvas_tui.behaviours.interfaces import CommentAnchorer

MIN_IOU = 0.5


class Outcome(BaseModel):
    """How one anchorer did on one row."""

    row_id: str
    kind: str
    hit: bool
    false_anchor: bool
    ambiguous_ok: bool


class Summary(BaseModel):
    """An anchorer's figures over a set of rows."""

    implementation: str
    rows: int
    accuracy: float
    per_kind: dict[str, float]
    false_anchors: int
    negatives: int
    ambiguity_flagged: float


def judge(row: EvalRow, result: AnchorResult) -> Outcome:
    """Compare one result with the row's gold."""
    if row.start is None or row.end is None:
        hit = result.span is None
    else:
        hit = result.span is not None and result.span.iou(Span(start=row.start, end=row.end)) >= MIN_IOU
    return Outcome(
        row_id=row.id,
        kind=row.kind,
        hit=hit,
        false_anchor=row.start is None and result.span is not None,
        ambiguous_ok=result.ambiguous == row.ambiguous,
    )


def run(anchorer: CommentAnchorer, rows: list[EvalRow], documents: dict[str, str]) -> list[Outcome]:
    """Anchor every row's quote in its document and judge it."""
    return [judge(row, anchorer.anchor(documents[row.doc], row.quote)) for row in rows]


def summarise(name: str, outcomes: list[Outcome]) -> Summary:
    """Overall and per-kind accuracy, false anchors on negatives, and ambiguity flags on repeats."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome.hit)
    repeated = [o.ambiguous_ok for o in outcomes if o.kind == "repeated"]
    return Summary(
        implementation=name,
        rows=len(outcomes),
        accuracy=round(sum(o.hit for o in outcomes) / max(1, len(outcomes)), 4),
        per_kind={kind: round(sum(hits) / len(hits), 4) for kind, hits in sorted(by_kind.items())},
        false_anchors=sum(o.false_anchor for o in outcomes),
        negatives=sum(o.kind in NEGATIVE_KINDS for o in outcomes),
        ambiguity_flagged=round(sum(repeated) / len(repeated), 4) if repeated else 1.0,
    )
