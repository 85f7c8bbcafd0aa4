"""Scoring a policy against gold labels: agreement, per-class precision/recall, confusion, categories."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from canvas_tui.behaviours.base import PolicyDecision
from canvas_tui.behaviours.policy.data import LabelRow

LABELS = ("targeted", "rewrite")


class ClassFigures(BaseModel):
    """Precision, recall and F1 of one label, with its gold count (support)."""

    precision: float
    recall: float
    f1: float
    support: int


class Miss(BaseModel):
    """One misclassified row."""

    request: str
    unit: str
    category: str
    gold: str
    predicted: str
    score: float


class Scores(BaseModel):
    """All figures of one implementation on one set of rows."""

    implementation: str
    n: int
    accuracy: float
    per_class: dict[str, ClassFigures]
    confusion: dict[str, dict[str, int]]
    per_category: dict[str, tuple[int, float]]
    misses: list[Miss]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _class_figures(pairs: list[tuple[str, str]], label: str) -> ClassFigures:
    tp = sum(g == label and p == label for g, p in pairs)
    precision = _ratio(tp, sum(p == label for _, p in pairs))
    recall = _ratio(tp, sum(g == label for g, _ in pairs))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClassFigures(precision=precision, recall=recall, f1=f1, support=sum(g == label for g, _ in pairs))


def _per_category(rows: list[LabelRow], pairs: list[tuple[str, str]]) -> dict[str, tuple[int, float]]:
    hits: dict[str, list[bool]] = defaultdict(list)
    for row, (gold, predicted) in zip(rows, pairs):
        hits[row.category].append(gold == predicted)
    return {category: (len(h), sum(h) / len(h)) for category, h in sorted(hits.items())}


def score(implementation: str, rows: list[LabelRow], decisions: list[PolicyDecision]) -> Scores:
    """Compare `decisions` with the gold labels of `rows` (same order)."""
    pairs = [(row.label, decision.label) for row, decision in zip(rows, decisions)]
    return Scores(
        implementation=implementation,
        n=len(pairs),
        accuracy=_ratio(sum(g == p for g, p in pairs), len(pairs)),
        per_class={label: _class_figures(pairs, label) for label in LABELS},
        confusion={g: {p: sum(pair == (g, p) for pair in pairs) for p in LABELS} for g in LABELS},
        per_category=_per_category(rows, pairs),
        misses=[Miss(request=r.request, unit=r.unit, category=r.category, gold=g, predicted=p, score=d.score)
                for r, d, (g, p) in zip(rows, decisions, pairs) if g != p],
    )
