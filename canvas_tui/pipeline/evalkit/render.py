"""Markdown sections and the plot every classifier eval report is made of, from `Scores`."""

from __future__ import annotations

from pathlib import Path

from canvas_tui.pipeline.evalkit.scores import Scores
from canvas_tui.pipeline.evalkit.tables import table

MAX_MISSES = 25


def headline_table(scores: list[Scores]) -> list[str]:
    """One row per implementation: n, accuracy, then each class's precision / recall / F1."""
    classes = list(scores[0].classes) if scores else []
    header = ["implementation", "n", "accuracy", *(f"{c} P / R / F1" for c in classes)]
    rows = [
        [
            s.implementation,
            s.n,
            s.accuracy,
            *(f"{s.classes[c].precision:.3f} / {s.classes[c].recall:.3f} / {s.classes[c].f1:.3f}" for c in classes),
        ]
        for s in scores
    ]
    return table(header, rows)


def categories_table(scores: list[Scores]) -> list[str]:
    """Accuracy per category, one column per implementation."""
    if not scores:
        return []
    categories = list(scores[0].categories)
    rows = [
        [
            category,
            scores[0].categories[category].n,
            *(s.categories[category].accuracy if category in s.categories else "" for s in scores),
        ]
        for category in categories
    ]
    return table(["category", "n", *(s.implementation for s in scores)], rows, digits=2)


def confusion_table(scores: Scores) -> list[str]:
    """Gold (rows) against predicted (columns) counts."""
    classes = list(scores.classes)
    return table(
        ["gold \\ predicted", *classes], [[gold, *(scores.confusion[gold][p] for p in classes)] for gold in classes]
    )


def misses_table(scores: Scores, limit: int = MAX_MISSES) -> list[str]:
    """The first `limit` rows labelled wrong (text on one line, escaped), and how many more there are."""
    if not scores.misses:
        return ["No misclassified examples."]
    rows = [
        [m.category, m.gold, m.predicted, m.detail, "" if m.score is None else m.score, m.text[:160]]
        for m in scores.misses[:limit]
    ]
    more = [f"... and {len(scores.misses) - limit} more"] if len(scores.misses) > limit else []
    return [
        f"Misclassified ({len(scores.misses)}):",
        "",
        *table(["category", "gold", "predicted", "detail", "score", "text"], rows, digits=2),
        *more,
    ]


def details(scores: list[Scores]) -> list[str]:
    """Each implementation's confusion table and misses, under its own heading."""
    lines: list[str] = []
    for s in scores:
        lines += ["", f"## {s.implementation}", "", *confusion_table(s), "", *misses_table(s)]
    return lines


def plot(path: Path, title: str, scores: list[Scores]) -> Path:
    """Bar chart of accuracy and per-class recall for each implementation (Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["accuracy", *[f"{c} recall" for c in scores[0].classes]]
    figure, axes = plt.subplots(figsize=(2 + 1.6 * len(names), 4))
    width = 0.8 / len(scores)
    for index, s in enumerate(scores):
        values = [s.accuracy, *[f.recall for f in s.classes.values()]]
        axes.bar([x + index * width for x in range(len(names))], values, width, label=s.implementation)
    axes.set_xticks([x + width * (len(scores) - 1) / 2 for x in range(len(names))], names)
    axes.set_ylim(0, 1.05)
    axes.set_title(title)
    axes.legend(loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
