"""Scoring locators on the labels: hit = IoU >= 0.5 with the gold span, broken down by style and unit.

Real-traffic rows name their target's kind in `style` (code_block, paragraph, list_item, ...). Code targets are
much easier than prose ones, so a split's headline depends on its mix: `half_code` weighs the two halves equally,
the mix of the held-out real-traffic set the issue describes ("half of them target a code block")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from pydantic import BaseModel

from canvas_tui.behaviours.base import LocateDecision, Span
from canvas_tui.behaviours.locate.labels import Label, document

HIT_IOU = 0.5
CODE_TARGET = "code_block"
Decide = Callable[[str, str, Span | None], LocateDecision]


class Outcome(BaseModel):
    """One label scored: the predicted span and its IoU with the gold span."""

    label: Label
    predicted: Span | None
    unit: str | None
    iou: float

    @property
    def hit(self) -> bool:
        """IoU with the gold span is at least 0.5."""
        return self.iou >= HIT_IOU


class Figures(BaseModel):
    """Accuracy and mean IoU overall, by request style and by gold unit kind; on splits with code and prose
    targets, accuracy on each and their mean (`half_code`), else None."""

    count: int
    accuracy: float
    mean_iou: float
    code: float | None = None
    prose: float | None = None
    half_code: float | None = None
    by_style: dict[str, float]
    by_unit: dict[str, float]


def score(decide: Decide, labels: list[Label]) -> list[Outcome]:
    """Run `decide` on every label and score it against its gold span."""
    outcomes = []
    for label in labels:
        decision = decide(document(label.doc), label.request, label.selection)
        iou = decision.span.iou(label.gold) if decision.span else 0.0
        outcomes.append(Outcome(label=label, predicted=decision.span, unit=decision.unit, iou=round(iou, 4)))
    return outcomes


def _share(outcomes: list[Outcome]) -> float:
    return round(sum(o.hit for o in outcomes) / len(outcomes), 4) if outcomes else 0.0


def _by(outcomes: list[Outcome], key: Callable[[Outcome], str]) -> dict[str, float]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[key(outcome)].append(outcome)
    return {name: _share(group) for name, group in sorted(groups.items())}


def _code_and_prose(outcomes: list[Outcome]) -> dict[str, float]:
    code = [o for o in outcomes if o.label.style == CODE_TARGET]
    prose = [o for o in outcomes if o.label.style != CODE_TARGET]
    if not code or not prose:
        return {}
    halves = {"code": _share(code), "prose": _share(prose)}
    return halves | {"half_code": round((halves["code"] + halves["prose"]) / 2, 4)}


def figures(outcomes: list[Outcome]) -> Figures:
    """Headline figures of a scored run."""
    return Figures(
        count=len(outcomes),
        accuracy=_share(outcomes),
        mean_iou=round(sum(o.iou for o in outcomes) / len(outcomes), 4) if outcomes else 0.0,
        **_code_and_prose(outcomes),
        by_style=_by(outcomes, lambda o: o.label.style),
        by_unit=_by(outcomes, lambda o: o.label.unit),
    )
