"""The policy eval's markdown report: the kit's tables side by side, then its own threshold sweep and robustness."""

from __future__ import annotations

from canvas_tui.behaviours.policy.robustness import Robustness
from canvas_tui.pipeline.evalkit.render import categories_table, details, headline_table
from canvas_tui.pipeline.evalkit.scores import Scores
from canvas_tui.pipeline.evalkit.tables import table


def _robustness(by_name: dict[str, Robustness]) -> list[str]:
    rows = [[name, r.n, r.accuracy_empty, r.accuracy_filled, r.flips] for name, r in by_name.items()]
    return [
        "## Robustness: empty targets filled with a labelled text of the same unit",
        "",
        *table(["implementation", "rows", "agreement (empty)", "agreement (filled)", "flips"], rows),
    ]


def render(
    results: list[Scores], sweep: dict[str, dict[str, float]], robustness: dict[str, Robustness], data_hash: str
) -> str:
    """The whole report as markdown."""
    thresholds = sorted(next(iter(sweep.values())))
    lines = [
        "# Policy eval (rewrite vs targeted)",
        "",
        f"Held-out rows of labels.csv: {results[0].n} (never used in training); labels sha256 {data_hash[:12]}.",
        "",
        *headline_table(results),
        "",
        "## Per category (agreement)",
        "",
        *categories_table(results),
        "",
        "## Threshold sweep (agreement; targeted iff score >= threshold)",
        "",
        *table(["implementation", *thresholds], [[name, *(by[t] for t in thresholds)] for name, by in sweep.items()]),
        "",
        *_robustness(robustness),
        "",
        "## Confusion and misses",
        *details(results),
    ]
    return "\n".join(lines) + "\n"
