"""The eval's markdown report: implementations side by side, then each one's confusion and misses."""

from __future__ import annotations

from canvas_tui.behaviours.policy.metrics import LABELS, Scores
from canvas_tui.behaviours.policy.robustness import Robustness


def _escape(text: str) -> str:
    """Table-safe text: untrusted request text must not break the markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def _headline(results: list[Scores]) -> list[str]:
    names = [s.implementation for s in results]
    lines = ["| figure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    lines.append("| agreement (accuracy) | " + " | ".join(f"{s.accuracy:.3f}" for s in results) + " |")
    for label in LABELS:
        for figure in ("precision", "recall", "f1"):
            values = " | ".join(f"{getattr(s.per_class[label], figure):.3f}" for s in results)
            lines.append(f"| {label} {figure} | {values} |")
    return lines


def _categories(results: list[Scores]) -> list[str]:
    names = [s.implementation for s in results]
    lines = ["| category | n | " + " | ".join(names) + " |", "|---" * (len(names) + 2) + "|"]
    for category, (n, _) in results[0].per_category.items():
        values = " | ".join(f"{s.per_category[category][1]:.2f}" for s in results)
        lines.append(f"| {category} | {n} | {values} |")
    return lines


def _details(scores: Scores) -> list[str]:
    confusion = scores.confusion
    lines = [f"### {scores.implementation}", "", "| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---|---|---|"]
    lines += [f"| {g} | " + " | ".join(str(confusion[g][p]) for p in LABELS) + " |" for g in LABELS]
    lines += ["", f"Misclassified ({len(scores.misses)}):", "", "| request | unit | category | gold | score |",
              "|---|---|---|---|---|"]
    lines += [f"| {_escape(m.request)} | {m.unit} | {m.category} | {m.gold} | {m.score:.2f} |" for m in scores.misses]
    return lines + [""]


def _robustness(by_name: dict[str, Robustness]) -> list[str]:
    lines = ["## Robustness: empty targets filled with a labelled text of the same unit", "",
             "| implementation | rows | agreement (empty) | agreement (filled) | flips |", "|---|---|---|---|---|"]
    return lines + [f"| {name} | {r.n} | {r.accuracy_empty:.3f} | {r.accuracy_filled:.3f} | {r.flips} |"
                    for name, r in by_name.items()]


def render(results: list[Scores], sweep: dict[str, dict[str, float]], robustness: dict[str, Robustness],
           data_hash: str) -> str:
    """The whole report as markdown."""
    lines = ["# Policy eval (rewrite vs targeted)", "",
             f"Held-out rows of labels.csv: {results[0].n} (never used in training); labels sha256 {data_hash[:12]}.",
             "", *_headline(results), "", "## Per category (agreement)", "", *_categories(results), "",
             "## Threshold sweep (agreement; targeted iff score >= threshold)", ""]
    thresholds = sorted(next(iter(sweep.values())))
    lines += ["| implementation | " + " | ".join(thresholds) + " |", "|---" * (len(thresholds) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(f"{by[t]:.3f}" for t in thresholds) + " |" for name, by in sweep.items()]
    lines += ["", *_robustness(robustness), "", "## Confusion and misses", ""]
    for scores in results:
        lines += _details(scores)
    return "\n".join(lines)
