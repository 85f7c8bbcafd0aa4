"""Scores of one implementation against gold labels: the one `Scores` and `Miss` types of every eval."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pydantic import BaseModel, Field


class ClassFigures(BaseModel):
    """Precision, recall and F1 of one class, with its gold count (support)."""

    precision: float
    recall: float
    f1: float
    support: int


class CategoryFigures(BaseModel):
    """How many rows of one category were scored, and the share labelled right."""

    n: int
    accuracy: float


class Miss(BaseModel):
    """One row labelled wrong: its text, the gold and predicted labels, and what the report shows beside them."""

    text: str
    gold: str
    predicted: str
    category: str = ""
    detail: str = Field("", description="what else identifies the row, e.g. the unit of an edit request")
    score: float | None = Field(None, description="the implementation's score behind the prediction, if it has one")


class Scores(BaseModel):
    """All figures of one implementation on one set of rows."""

    implementation: str
    n: int
    accuracy: float
    classes: dict[str, ClassFigures]
    confusion: dict[str, dict[str, int]] = Field(description="gold -> predicted -> count")
    categories: dict[str, CategoryFigures]
    misses: list[Miss]


class Scored(BaseModel):
    """One scored row: what score() reads of it."""

    text: str
    gold: str
    predicted: str
    category: str = ""
    detail: str = ""
    score: float | None = None


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _class_figures(pairs: list[tuple[str, str]], label: str) -> ClassFigures:
    hits = sum(gold == label and predicted == label for gold, predicted in pairs)
    precision = _ratio(hits, sum(predicted == label for _, predicted in pairs))
    recall = _ratio(hits, sum(gold == label for gold, _ in pairs))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClassFigures(precision=precision, recall=recall, f1=f1, support=sum(gold == label for gold, _ in pairs))


def _categories(rows: Sequence[Scored]) -> dict[str, CategoryFigures]:
    hits: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        hits[row.category or "uncategorised"].append(row.gold == row.predicted)
    return {category: CategoryFigures(n=len(h), accuracy=sum(h) / len(h)) for category, h in sorted(hits.items())}


def score(implementation: str, rows: Sequence[Scored], classes: Sequence[str]) -> Scores:
    """Compare each row's predicted label with its gold label; `classes` orders the per-class figures."""
    pairs = [(row.gold, row.predicted) for row in rows]
    return Scores(
        implementation=implementation,
        n=len(pairs),
        accuracy=_ratio(sum(gold == predicted for gold, predicted in pairs), len(pairs)),
        classes={label: _class_figures(pairs, label) for label in classes},
        confusion={gold: {predicted: pairs.count((gold, predicted)) for predicted in classes} for gold in classes},
        categories=_categories(rows),
        misses=[Miss(**row.model_dump()) for row in rows if row.gold != row.predicted],
    )


def headline(scores: Scores, digits: int = 4) -> dict[str, float]:
    """The figures a card or JSON output shows: accuracy, then each class's precision and recall, rounded."""
    figures = {"accuracy": round(scores.accuracy, digits)}
    for label, found in scores.classes.items():
        figures[f"{label}_precision"] = round(found.precision, digits)
        figures[f"{label}_recall"] = round(found.recall, digits)
    return figures
