"""Placement agreement: proposed comment spans against gold spans.

A proposed span hits a gold span when their IoU is at least 0.5 or the proposal lies inside the
gold span (a comment on a phrase of the gold sentence is in the right place). Each gold span is
matched at most once. Recall is also given against min(gold, limit), since a reply holds at most
`limit` comments: F1 uses that capped recall.
"""

from __future__ import annotations

from pydantic import BaseModel

from canvas_tui.behaviours.base import Span

HIT_IOU = 0.5


def hits(proposed: Span, gold: Span) -> bool:
    """True when a proposed span counts as placing a comment on the gold span."""
    inside = gold.start <= proposed.start and proposed.end <= gold.end and proposed.end > proposed.start
    return inside or proposed.iou(gold) >= HIT_IOU


def matched(proposed: list[Span], gold: list[Span]) -> int:
    """How many proposals hit a distinct gold span (greedy, in proposal order)."""
    free = list(gold)
    count = 0
    for span in proposed:
        target = next((g for g in free if hits(span, g)), None)
        if target is not None:
            free.remove(target)
            count += 1
    return count


class Placement(BaseModel):
    """Summed placement counts over cases, and the figures derived from them."""

    cases: int = 0
    proposed: int = 0
    anchored: int = 0
    gold: int = 0
    gold_capped: int = 0
    hit: int = 0

    def add(self, proposed: int, anchored: list[Span], gold: list[Span], limit: int) -> None:
        """Count one case: `proposed` quotes, of which `anchored` were placed, against `gold`."""
        self.cases += 1
        self.proposed += proposed
        self.anchored += len(anchored)
        self.gold += len(gold)
        self.gold_capped += min(len(gold), limit)
        self.hit += matched(anchored, gold)

    def figures(self) -> dict[str, float]:
        """precision, recall, recall_at_limit, f1 (with capped recall), anchor_rate."""
        precision = self.hit / self.proposed if self.proposed else 0.0
        capped = self.hit / self.gold_capped if self.gold_capped else 0.0
        f1 = 2 * precision * capped / (precision + capped) if precision + capped else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(self.hit / self.gold if self.gold else 0.0, 3),
            "recall_at_limit": round(capped, 3),
            "f1": round(f1, 3),
            "anchor_rate": round(self.anchored / self.proposed if self.proposed else 0.0, 3),
            "cases": self.cases,
            "proposed": self.proposed,
            "gold": self.gold,
        }
