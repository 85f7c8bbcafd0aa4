"""The eval report: a markdown table comparing implementations side by side, and a PNG plot."""

from __future__ import annotations

from pathlib import Path

from canvas_tui.behaviours.trigger.metrics import Scores
from canvas_tui.text import one_line

MAX_MISSES = 25


def markdown(title: str, scores: list[Scores], notes: list[str]) -> str:
    """The whole report as markdown: headline table, confusion matrices, categories, misses."""
    classes = list(scores[0].classes) if scores else []
    lines = [f"# {title}", "", *[f"- {note}" for note in notes], ""]
    lines += ["| implementation | accuracy | " + " | ".join(f"{c} P / R" for c in classes) + " |",
              "|---|---|" + "---|" * len(classes)]
    for s in scores:
        cells = " | ".join(f"{s.classes[c].precision:.3f} / {s.classes[c].recall:.3f}" for c in classes)
        lines.append(f"| {s.implementation} | {s.accuracy:.3f} | {cells} |")
    for s in scores:
        lines += ["", f"## {s.implementation}", "", _confusion(s, classes), "", _categories(s), "", _misses(s)]
    return "\n".join(lines) + "\n"


def _confusion(s: Scores, classes: list[str]) -> str:
    rows = ["| gold \\ predicted | " + " | ".join(classes) + " |", "|---|" + "---|" * len(classes)]
    rows += [f"| {gold} | " + " | ".join(str(s.confusion[gold][p]) for p in classes) + " |" for gold in classes]
    return "\n".join(rows)


def _categories(s: Scores) -> str:
    return "Accuracy per category: " + ", ".join(f"{c} {a:.2f}" for c, a in s.categories.items())


def _misses(s: Scores) -> str:
    if not s.misses:
        return "No misclassified examples."
    shown = [f"- [{m.category}] gold {m.gold}, predicted {m.predicted}: {one_line(m.prompt, 160)}"
             for m in s.misses[:MAX_MISSES]]
    more = [f"- ... and {len(s.misses) - MAX_MISSES} more"] if len(s.misses) > MAX_MISSES else []
    return "\n".join([f"Misclassified ({len(s.misses)}):", *shown, *more])


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
