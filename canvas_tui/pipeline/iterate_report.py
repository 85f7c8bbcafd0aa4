"""The markdown report of one `canvas-tui iterate` run: what changed, and why it was kept or rejected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canvas_tui.pipeline.cards import eval_lines
from canvas_tui.pipeline.evalkit.tables import table

if TYPE_CHECKING:
    from canvas_tui.pipeline.iterate import IterateOutcome


def _synth_lines(outcome: IterateOutcome) -> list[str]:
    synth = outcome.synth
    if synth is None:
        return ["No teacher: the candidate was trained on the current data only.", ""]
    lines = [
        f"Run `{synth.run_key}`: {synth.accepted} rows accepted ({synth.new} new this time), "
        f"{synth.requests_done} of at most {synth.requests_total} teacher requests done.",
        "",
    ]
    if synth.reasons:
        lines += [
            *table(["why a teacher row was dropped", "rows"], sorted(synth.reasons.items(), key=lambda kv: -kv[1])),
            "",
        ]
    lines += [f"- dropped: {text}" for text in synth.rejected_examples[:8]]
    lines += [f"- teacher failure: {failure}" for failure in synth.failures[:5]]
    return lines + [""]


def render_report(outcome: IterateOutcome) -> str:
    """The report as markdown."""
    decision = "KEPT" if outcome.kept else "REJECTED"
    lines = [
        f"# iterate {outcome.behaviour}: {decision}",
        "",
        f"**Why:** {outcome.reason}.",
        "",
        f"Metric: `{outcome.metric}`: current artifact {outcome.before}, candidate {outcome.after}, control "
        f"(the same data without the new batch) {outcome.control}. Lint of the data with the batch: {outcome.lint}.",
        "",
        "## Teacher batch",
        "",
        *_synth_lines(outcome),
        "## Eval of the current artifact (before)",
        "",
        *eval_lines(outcome.evals_before),
        "",
        "## Eval of the candidate (after)",
        "",
        *(eval_lines(outcome.evals_after) if outcome.evals_after else ["(no candidate was trained)"]),
        "",
    ]
    if not outcome.kept and outcome.synth is not None:
        lines += ["The batch was moved to `synthetic/rejected/`, so no later training uses it.", ""]
    return "\n".join(lines)
