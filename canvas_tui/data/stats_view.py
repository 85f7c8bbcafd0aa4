"""How `canvas-tui stats` shows real use: rich tables, and a bar chart per behaviour (real use vs labels)."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from canvas_tui.data.stats import RealUseStats

TOP_CLASSES = 4


def _shares(counts: dict[str, int], limit: int = TOP_CLASSES) -> str:
    total = sum(counts.values())
    return ", ".join(f"{name} {count / total:.0%}" for name, count in list(counts.items())[:limit]) if total else ""


def tables(stats: RealUseStats) -> list[Table]:
    """The behaviour table and the request-kind table (all cells plain text, never markup)."""
    behaviours = Table(
        "behaviour",
        "decisions",
        "share",
        "fallback",
        "corrected",
        "real use",
        "labels.csv",
        "missing in labels",
        title=f"{stats.decisions} decisions, {stats.corrections} corrections",
    )
    for b in stats.behaviours:
        corrected = f"{b.correction_rate:.1%} " + " ".join(f"{k}={v}" for k, v in b.corrections.items())
        _row(
            behaviours,
            b.behaviour,
            str(b.decisions),
            f"{b.share:.0%}",
            f"{b.fallback_rate:.0%}",
            corrected.strip(),
            _shares(b.classes),
            _shares(b.training_classes),
            ", ".join(b.missing_in_training),
        )
    kinds = Table("request kind (first word)", "count", "in labels", title="most frequent requests")
    for kind, count in stats.request_kinds:
        _row(kinds, kind, str(count), "no" if kind in stats.request_kinds_missing_in_training else "yes")
    return [behaviours, kinds]


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(cell) for cell in cells))


def plot(stats: RealUseStats, path: Path) -> Path:
    """Bar charts: for each behaviour, the share of each class in real use and in its labels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [b for b in stats.behaviours if b.decisions or b.training_classes]
    figure, axes = plt.subplots(len(shown) or 1, 1, figsize=(8, 2.2 * max(1, len(shown))), squeeze=False)
    for axis, b in zip(axes[:, 0], shown):
        names = list(dict.fromkeys([*b.classes, *b.training_classes]))
        positions = range(len(names))
        for offset, (label, counts) in enumerate([("real use", b.classes), ("labels.csv", b.training_classes)]):
            total = sum(counts.values()) or 1
            axis.bar(
                [p + offset * 0.4 for p in positions], [counts.get(n, 0) / total for n in names], width=0.4, label=label
            )
        axis.set_xticks([p + 0.2 for p in positions], names, fontsize=8)
        axis.set_ylabel("share")
        axis.set_title(f"{b.behaviour} ({b.decisions} decisions, {b.correction_rate:.0%} corrected)", fontsize=9)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
