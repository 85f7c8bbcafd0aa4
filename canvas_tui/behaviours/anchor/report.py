"""The markdown report of an anchor eval run: overall, per perturbation kind, false anchors."""

from __future__ import annotations

from canvas_tui.behaviours.anchor.scoring import Summary


def render_report(split: str, summaries: list[Summary], seconds: dict[str, float]) -> str:
    """One table of headline figures and one of accuracy per kind, implementations as columns."""
    names = [s.implementation for s in summaries]
    lines = [f"# Anchor eval ({split} split, {summaries[0].rows} rows)", "",
             "Hit = IoU >= 0.5 with the gold span, or no anchor when the quote is not in the document.", "",
             "| implementation | accuracy | false anchors / negatives | ambiguity flagged on repeats | ms per quote |",
             "|---|---|---|---|---|"]
    for s in summaries:
        per_quote = 1000 * seconds[s.implementation] / max(1, s.rows)
        lines.append(f"| {s.implementation} | {s.accuracy:.4f} | {s.false_anchors} / {s.negatives} | "
                     f"{s.ambiguity_flagged:.4f} | {per_quote:.2f} |")
    lines += ["", "| kind | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for kind in summaries[0].per_kind:
        lines.append(f"| {kind} | " + " | ".join(f"{s.per_kind[kind]:.4f}" for s in summaries) + " |")
    return "\n".join(lines) + "\n"
