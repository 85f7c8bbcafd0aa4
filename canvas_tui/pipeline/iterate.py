"""`canvas-tui iterate BEHAVIOUR`: one turn of the loop, never shipping a version worse than the last.

synth (a new teacher batch) -> lint -> train a candidate in a scratch copy of behaviours/ ->
eval it -> compare with the current artifact on the behaviour's deterministic metric (and, for a
behaviour that writes text, a judged win rate) -> keep the
candidate (artifacts and card replaced file by file with os.replace) only if it is not worse,
else move the batch to synthetic/rejected/ so no later training uses it -> write a report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from canvas_tui.judging.winrate import WinRate
from canvas_tui.llm.client import ModelClient
from canvas_tui.paths import behaviours_dir
from canvas_tui.pipeline import scratch as in_scratch
from canvas_tui.pipeline.cards import eval_table
from canvas_tui.pipeline.config import BehaviourConfig, load_config
from canvas_tui.pipeline.iterate_report import render_report
from canvas_tui.pipeline.lint import lint
from canvas_tui.pipeline.registry import behaviour
from canvas_tui.pipeline.synth import SynthOptions, SynthReport, synthesize
from canvas_tui.pipeline.winrate_gate import candidate_win_rate, clearly_worse


class IterateOptions(BaseModel):
    """Arguments of one iteration."""

    synth: SynthOptions
    train_seed: int = Field(
        0,
        description="the training seed of candidate and control alike (committed artifacts use "
        "0), so they differ from the current artifact only by their data",
    )
    allow_lint_errors: bool = False
    report_dir: Path = Path("reports")


class IterateOutcome(BaseModel):
    """What one iteration did and why."""

    behaviour: str
    metric: str | None
    before: float | None
    after: float | None
    control: float | None = None
    win_rate: WinRate | None = None
    kept: bool
    reason: str
    synth: SynthReport | None
    lint: str
    evals_before: dict[str, dict[str, float]]
    evals_after: dict[str, dict[str, float]]
    report: Path | None = None


def metric_value(figures: dict[str, Any], metric: str | None) -> float | None:
    """The figure at dotted path `metric` (e.g. trained.accuracy), or None if absent."""
    value: Any = figures
    for part in (metric or "").split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def not_worse(config: BehaviourConfig, before: float | None, after: float | None) -> bool:
    """The candidate's figure is at least as good as the current one (a missing current figure loses)."""
    if after is None:
        return False
    if before is None:
        return True
    return after >= before if config.eval.direction == "higher" else after <= before


def guards_made_worse(config: BehaviourConfig, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The guard figures (e.g. the real-traffic split's accuracy) on which the candidate is worse than the current."""
    return [
        guard
        for guard in config.eval.guards
        if not not_worse(config, metric_value(before, guard), metric_value(after, guard))
    ]


def _replace(source: Path, target: Path) -> None:
    """Copy `source` over `target` atomically (a temporary file beside the target, then os.replace)."""
    temporary = target.with_name(f".{target.name}.incoming")
    shutil.copy2(source, temporary)
    os.replace(temporary, target)


def _shelve(batch: Path | None) -> None:
    """Move a rejected teacher batch out of training's reach, into synthetic/rejected/."""
    if batch is not None and batch.exists():
        (batch.parent / "rejected").mkdir(exist_ok=True)
        os.replace(batch, batch.parent / "rejected" / batch.name)


def _figures_in_scratch(
    config: BehaviourConfig, options: IterateOptions, scratch: Path, leave_out: str | None = None
) -> dict[str, Any]:
    """Train and evaluate in a scratch copy of behaviours/ (in this process), optionally without one teacher file."""
    shutil.copytree(
        behaviours_dir(), scratch, ignore=shutil.ignore_patterns("rejected", "runs", *filter(None, [leave_out]))
    )
    in_scratch.train(config, scratch, options.train_seed, options.allow_lint_errors)
    return in_scratch.eval_figures(config, scratch)


def _promote(config: BehaviourConfig, scratch: Path) -> None:
    for name in [*config.artifacts, config.card]:
        if (scratch / config.folder / name).exists():
            _replace(scratch / config.folder / name, config.data_dir / name)


class Verdict(BaseModel):
    """Whether the candidate is kept, why, and the figures that decided it."""

    kept: bool
    reason: str
    figures: dict[str, Any] = {}
    control: float | None = None
    win_rate: WinRate | None = None


async def _decide(
    config: BehaviourConfig,
    options: IterateOptions,
    lint_errors: int,
    before_figures: dict[str, Any],
    batch: SynthReport | None,
    judge: ModelClient | None,
) -> Verdict:
    """Keep the candidate iff it is not worse than the current artifact (on the metric and on every guard, such as
    the real-traffic split), nor than a control trained on the same data without the new batch (so a batch cannot
    ride on label changes made since the last training), nor, for a behaviour that writes text, clearly losing to
    the current artifact before a judge."""
    before = metric_value(before_figures, config.eval.metric)
    if lint_errors and not options.allow_lint_errors:
        return Verdict(kept=False, reason=f"lint found {lint_errors} error(s) in the data with the new batch")
    if behaviour(config.name).train is None:
        return Verdict(
            kept=True, reason="no trained artifact (deterministic behaviour): the batch is kept as review data"
        )
    with tempfile.TemporaryDirectory(prefix=f"canvas-tui-{config.name}-iterate-") as work:
        try:
            figures = _figures_in_scratch(config, options, Path(work) / "candidate")
            control = (
                metric_value(
                    _figures_in_scratch(config, options, Path(work) / "control", batch.path.name), config.eval.metric
                )
                if batch is not None and batch.new
                else None
            )
        except in_scratch.StepFailed as exc:
            return Verdict(kept=False, reason=f"the candidate could not be trained or evaluated ({exc})")
        after = metric_value(figures, config.eval.metric)
        worse_guards = guards_made_worse(config, before_figures, figures)
        kept = not_worse(config, before, after) and not_worse(config, control, after) and not worse_guards
        rate = await _win_rate(config, Path(work) / "candidate", judge) if kept else None
        kept = kept and not (rate and clearly_worse(rate))
        if kept:
            _promote(config, Path(work) / "candidate")
    reason = (
        f"{config.eval.metric}: current {_shown(before)}, candidate {_shown(after)}, control without the batch "
        f"{_shown(control)}"
        + _shown_rate(rate)
        + "".join(f", worse on {guard}" for guard in worse_guards)
        + f": the candidate is {'not worse' if kept else 'worse'}"
    )
    return Verdict(kept=kept, reason=reason, figures=figures, control=control, win_rate=rate)


async def _win_rate(config: BehaviourConfig, candidate: Path, judge: ModelClient | None) -> WinRate | None:
    """The judged win rate of the candidate's text over the current artifact's (text behaviours with a judge)."""
    if not config.eval.winrate_cases or judge is None:
        return None
    return await candidate_win_rate(config, behaviours_dir(), candidate, judge, config.eval.winrate_cases)


def _shown(value: float | None) -> str:
    return "none" if value is None else f"{value:.4f}"


def _shown_rate(rate: WinRate | None) -> str:
    if rate is None:
        return ""
    if rate.rate is None:
        return f", no decisive judgement of the text ({rate.ties} ties; identical answers are not judged)"
    return (
        f", win rate over the current {rate.rate:.2f} [{rate.low:.2f}, {rate.high:.2f}] ({rate.a_wins}-{rate.b_wins})"
    )


async def iterate(name: str, client: ModelClient | None, options: IterateOptions) -> IterateOutcome:
    """One iteration for behaviour `name` (no teacher: retrain on the current data and compare)."""
    config = load_config(name)
    evaluates = behaviour(name).evaluate is not None
    before_figures = in_scratch.eval_figures(config, behaviours_dir()) if evaluates else {}
    synth = await synthesize(config, client, options.synth) if client is not None else None
    report = lint(config)
    before = metric_value(before_figures, config.eval.metric)
    verdict = await _decide(config, options, len(report.errors), before_figures, synth, client)
    if not verdict.kept:
        _shelve(synth.path if synth else None)
    outcome = IterateOutcome(
        behaviour=name,
        metric=config.eval.metric,
        before=before,
        after=metric_value(verdict.figures, config.eval.metric),
        control=verdict.control,
        win_rate=verdict.win_rate,
        kept=verdict.kept,
        reason=verdict.reason,
        synth=synth,
        lint=f"{len(report.errors)} errors, {len(report.warnings)} warnings",
        evals_before=eval_table(before_figures),
        evals_after=eval_table(verdict.figures),
    )
    return outcome.model_copy(update={"report": _write_report(outcome, options.report_dir)})


def _write_report(outcome: IterateOutcome, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"iterate-{outcome.behaviour}-{stamp}.md"
    path.write_text(render_report(outcome), encoding="utf-8")
    return path
