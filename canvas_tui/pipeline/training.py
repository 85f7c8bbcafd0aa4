"""`canvas-tui train BEHAVIOUR` through the shared steps: lint gate, the behaviour's train, eval, card.

Every behaviour trains the same way here, so no behaviour can skip the lint or forget its card;
what differs (how to fit, what to score) stays in the behaviour's declaration.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from canvas_tui.pipeline.cards import build_card, eval_table, write_card
from canvas_tui.pipeline.config import UnknownConfig, load_config
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.lint import LintReport, lint, render
from canvas_tui.pipeline.readme_table import shown_headline
from canvas_tui.pipeline.registry import behaviour, step


class LintBlocked(ValueError):
    """The data has lint errors and --allow-lint-errors was not given; the message says which."""

    def __init__(self, report: LintReport) -> None:
        self.report = report
        super().__init__(
            f"{len(report.errors)} lint error(s) in {report.behaviour}'s data; training refused "
            f"(fix them, or pass --allow-lint-errors):\n{render(report, limit=10)}"
        )


class Trained(BaseModel):
    """A training run with its eval and the card written for it."""

    train: TrainResult
    eval: EvalResult | None
    card: Path | None
    headline: str = ""
    """The figures the card and the README headline (the default implementation's), from the eval after training."""


def lint_gate(name: str, allow_errors: bool) -> LintReport | None:
    """The lint of behaviour `name` (None without a data description); raises LintBlocked on errors."""
    try:
        report = lint(load_config(name))
    except UnknownConfig:
        return None
    if report.errors and not allow_errors:
        raise LintBlocked(report)
    return report


def evaluate_quietly(name: str, on_step: Callable[[str], None] | None = None) -> EvalResult | None:
    """The behaviour's eval (of the implementations its pipeline.toml names, else all), reports written to a
    scratch folder, each step told to `on_step`; None if it has no eval."""
    if behaviour(name).evaluate is None:
        return None
    try:
        implementations = load_config(name).eval.implementations
    except UnknownConfig:
        implementations = None
    with tempfile.TemporaryDirectory(prefix=f"canvas-tui-{name}-eval-") as scratch:
        request = EvalRequest(
            implementations=implementations,
            report_dir=Path(scratch),
            show_progress=False,
            on_step=on_step and (lambda what: on_step(f"evaluating {what}")),
        )
        result = step(name, "evaluate")(request)
    return result.model_copy(update={"files": []})


def train_behaviour(name: str, request: TrainRequest) -> Trained:
    """Lint, train, evaluate and write the card of behaviour `name`, saying each step to `request.step`."""
    request.step("linting the labels")
    report = lint_gate(name, request.allow_lint_errors)
    result = step(name, "train")(request)
    evaluation = evaluate_quietly(name, request.on_step)
    headline = shown_headline(behaviour(name), eval_table(evaluation.figures)) if evaluation else ""
    if report is None:
        return Trained(train=result, eval=evaluation, card=None, headline=headline)
    config = load_config(name)
    card = build_card(
        config,
        load_dataset(config),
        report,
        result.artifact,
        evaluation.figures if evaluation else {},
        notes=[result.text.splitlines()[0]],
    )
    return Trained(train=result, eval=evaluation, card=write_card(config, card), headline=headline)
