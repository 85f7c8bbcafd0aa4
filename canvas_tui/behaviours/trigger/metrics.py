"""Scoring one implementation's labels against gold: accuracy, per-class P/R, confusion, categories."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from canvas_tui.behaviours.trigger.data import LabelRow


class ClassFigures(BaseModel):
    """Precision and recall of one class, with its support."""

    precision: float
    recall: float
    support: int


class Miss(BaseModel):
    """A misclassified example, for the report."""

    prompt: str
    gold: str
    predicted: str
    category: str


class Scores(BaseModel):
    """The figures of one implementation on one eval set."""

    implementation: str
    accuracy: float
    classes: dict[str, ClassFigures]
    confusion: dict[str, dict[str, int]] = Field(description="gold -> predicted -> count")
    categories: dict[str, float] = Field(description="accuracy per category")
    misses: list[Miss]


def score(implementation: str, rows: list[LabelRow], predicted: list[str], classes: tuple[str, ...]) -> Scores:
    """Compare `predicted` with the rows' gold labels."""
    confusion = {gold: {guess: 0 for guess in classes} for gold in classes}
    for row, guess in zip(rows, predicted):
        confusion[row.label][guess] += 1
    correct = sum(confusion[c][c] for c in classes)
    return Scores(
        implementation=implementation,
        accuracy=correct / len(rows) if rows else 0.0,
        classes={c: _class_figures(confusion, c, classes) for c in classes},
        confusion=confusion,
        categories=_by_category(rows, predicted),
        misses=[Miss(prompt=r.prompt, gold=r.label, predicted=p, category=r.category)
                for r, p in zip(rows, predicted) if r.label != p],
    )


def _class_figures(confusion: dict[str, dict[str, int]], label: str, classes: tuple[str, ...]) -> ClassFigures:
    true_positive = confusion[label][label]
    predicted = sum(confusion[gold][label] for gold in classes)
    support = sum(confusion[label].values())
    return ClassFigures(precision=true_positive / predicted if predicted else 0.0,
                        recall=true_positive / support if support else 0.0, support=support)


def _by_category(rows: list[LabelRow], predicted: list[str]) -> dict[str, float]:
    hits: dict[str, list[bool]] = defaultdict(list)
    for row, guess in zip(rows, predicted):
        hits[row.category or "uncategorised"].append(row.label == guess)
    return {category: sum(v) / len(v) for category, v in sorted(hits.items())}
