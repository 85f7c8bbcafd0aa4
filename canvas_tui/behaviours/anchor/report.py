"""The markdown report of an anchor eval run: overall, per perturbation kind, false anchors."""

from __future__ import annotations

from canvas_tui.behaviours.anchor.scoring import Summary
from canvas_tui.pipeline.evalkit.tables import table


def render_report(split: str, summaries: list[Summary], seconds: dict[str, float]) -> str:
    """One table of headline figures and one of accuracy per kind, implementations as columns."""
    headline = [
        [
            s.implementation,
            s.accuracy,
            f"{s.false_anchors} / {s.negatives}",
            s.ambiguity_flagged,
            f"{1000 * seconds[s.implementation] / max(1, s.rows):.2f}",
        ]
        for s in summaries
    ]
    kinds = [[kind, *(s.per_kind[kind] for s in summaries)] for kind in summaries[0].per_kind]
    lines = [
        f"# Anchor eval ({split} split, {summaries[0].rows} rows)",
        "",
        "Hit = IoU >= 0.5 with the gold span, or no anchor when the quote is not in the document.",
        "",
        *table(
            ["implementation", "accuracy", "false anchors / negatives", "ambiguity flagged on repeats", "ms per quote"],
            headline,
            digits=4,
        ),
        "",
        *table(["kind", *(s.implementation for s in summaries)], kinds, digits=4),
    ]
    return "\n".join(lines) + "\n"
