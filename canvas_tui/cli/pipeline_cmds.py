"""`predict`, `eval` and `train`: one command each, dispatching to the behaviour's declaration."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import (
    EXIT_PARTIAL,
    EXIT_USAGE,
    DefaultCommandGroup,
    OutputFolder,
    OutputPath,
    progress_bar,
    step_display,
)
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest, TrainRequest
from canvas_tui.pipeline.registry import UnknownBehaviour, names, step
from canvas_tui.pipeline.registry import behaviour as declared


class BehaviourName(click.ParamType):
    """A declared behaviour's name, checked when the command runs (a behaviour registered at run time counts)."""

    name = "behaviour"

    def convert(self, value, param, ctx):
        """The name, if some behaviour is declared under it."""
        if value not in names():
            self.fail(f"{value!r} is not a behaviour; known: {', '.join(names())}", param, ctx)
        return value

    def get_metavar(self, param, *args, **kwargs) -> str:
        """Shown in --help: the names known when help is asked, in braces (one is required), as click.Choice does."""
        return "{" + "|".join(names()) + "}"


BEHAVIOUR = BehaviourName()


def _entry(name: str, attribute: str):
    try:
        return step(name, attribute)
    except UnknownBehaviour as exc:
        raise click.UsageError(str(exc)) from exc


@click.command()
@click.argument("behaviour", type=BEHAVIOUR)
@click.option(
    "--input",
    "-i",
    "input_path",
    type=click.File("rb"),
    default="-",
    help="JSON lines (UTF-8) to predict (default: stdin).",
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=OutputPath(allow_dash=True),
    default="-",
    help="Where to write one JSON line per input line, same order (default: stdout); blank input lines are "
    "skipped, and each output line carries its input's id.",
)
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
def predict(behaviour: str, input_path, output_path: Path, progress: bool) -> None:
    """Batch-predict BEHAVIOUR over JSON lines, offline.

    A malformed line is reported on stderr with its line number and answered in place with
    {"id": ..., "error": ...}; the other lines are still predicted. Blank lines are skipped (each output carries
    its input's id). Exit 1 if any line failed.
    """
    predictor = declared(behaviour).predictor()
    with click.open_file(str(output_path), "w", encoding="utf-8", atomic=True) as sink:
        report = run_batch(predictor, input_path, sink, progress=progress and sys.stderr.isatty())
    click.echo(f"{report.predicted} of {report.total} lines predicted", err=True)
    if report.errors:
        sys.exit(EXIT_PARTIAL)


@click.command(name="eval")
@click.argument("behaviour", type=BEHAVIOUR)
@click.option("--impl", "implementations", multiple=True, help="Implementation to include (repeatable; default all).")
@click.option("--report-dir", type=OutputFolder(), default=Path("reports"), show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the headline figures as JSON.")
@click.option(
    "--card/--no-card",
    default=True,
    show_default=True,
    help="After a full eval (no --impl), refresh the eval section of behaviours/BEHAVIOUR/CARD.md.",
)
def evaluate(behaviour: str, implementations: tuple[str, ...], report_dir: Path, as_json: bool, card: bool) -> None:
    """Evaluate BEHAVIOUR's implementations on its eval data in behaviours/BEHAVIOUR/ (progress on stderr)."""
    _check_implementations(behaviour, implementations)
    evaluate_step = _entry(behaviour, "evaluate")
    with progress_bar(quiet=as_json) as bar:
        request = EvalRequest(
            implementations=list(implementations) or None,
            report_dir=report_dir,
            show_progress=not as_json,
            on_step=step_display(bar, f"evaluating {behaviour}"),
        )
        result = evaluate_step(request)
    click.echo(json.dumps(result.figures, indent=2, default=str) if as_json else result.summary or result.text)
    for path in result.files:
        click.echo(f"wrote {path}", err=True)
    if not implementations and card:
        from canvas_tui.pipeline.cards import write_eval_card

        click.echo(
            f"wrote {write_eval_card(declared(behaviour), json.loads(json.dumps(result.figures, default=str)))}",
            err=True,
        )


def _check_implementations(behaviour: str, asked: tuple[str, ...]) -> None:
    """A usage error, before any work, for an --impl name the behaviour does not declare (a typo had ended in a
    traceback, or in an empty report)."""
    known = declared(behaviour).implementations
    unknown = [name for name in asked if name not in known]
    if unknown:
        raise click.UsageError(f"{behaviour} has no implementation {', '.join(unknown)}; known: {', '.join(known)}")


@click.command()
@click.argument("behaviour", type=BEHAVIOUR)
@click.option("--seed", default=0, show_default=True)
@click.option("--allow-lint-errors", is_flag=True, help="Train even if the label lint reports errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the training figures as JSON.")
@click.option("--slow-path", is_flag=True, help="Fine-tune the trigger's/router's slow path instead (torch).")
@click.option("--epochs", default=3, show_default=True, help="Epochs of the slow path's fine-tuning.")
def train(behaviour: str, seed: int, allow_lint_errors: bool, as_json: bool, slow_path: bool, epochs: int) -> None:
    """Train BEHAVIOUR's target model from its labels and synthetic data; writes the artifact and CARD.md (each step
    shown on stderr when it is a terminal).

    Refuses data with lint errors (see `canvas-tui lint BEHAVIOUR`) unless --allow-lint-errors. With --slow-path
    (trigger and router) it fine-tunes the MiniLM that decides the fast model's uncertain cases instead.
    """
    if slow_path:
        from canvas_tui.cli.slow_path_cmd import train_slow_path

        return train_slow_path(behaviour, seed, epochs, as_json)
    from canvas_tui.pipeline.training import train_behaviour

    _entry(behaviour, "train")
    with progress_bar(quiet=as_json) as bar:
        request = TrainRequest(
            seed=seed,
            allow_lint_errors=allow_lint_errors,
            show_progress=not as_json,
            on_step=step_display(bar, f"training {behaviour}"),
        )
        try:
            trained = train_behaviour(behaviour, request)
        except ValueError as exc:
            bar.stop()
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    result = trained.train
    text = "\n".join(filter(None, [result.text, trained.headline]))
    click.echo(json.dumps(result.figures, indent=2, default=str) if as_json else text)
    if trained.card is not None:
        click.echo(f"wrote {trained.card}", err=True)


@click.command(name="cards")
@click.option(
    "--readme",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The README to update (default: the project's README.md).",
)
@click.option("--check", is_flag=True, help="Only compare: exit 1 if the README's behaviour table is stale.")
def cards(readme: Path | None, check: bool) -> None:
    """Write the README's behaviour table from every behaviours/NAME/CARD.md (between its marker comments)."""
    from canvas_tui.paths import PROJECT_ROOT
    from canvas_tui.pipeline.readme_table import StaleTable, update

    try:
        current = update(readme or PROJECT_ROOT / "README.md", check=check)
    except StaleTable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_PARTIAL)
    click.echo("the README's behaviour table is current" if current else "wrote the README's behaviour table", err=True)


def _eval_group() -> click.Group:
    """`eval BEHAVIOUR` (its eval data) and `eval replay FILES` (recorded sessions) under one name."""
    from canvas_tui.cli.data_cmds import eval_replay
    from canvas_tui.cli.edits_cmd import eval_edits

    group = DefaultCommandGroup(
        name="eval",
        default_command="behaviour",
        help="Evaluate a behaviour on its eval data (eval BEHAVIOUR), or re-run recorded "
        "sessions with today's behaviours (eval replay FILE_OR_DIR...), or "
        "check what edit turns do to documents (eval edits --backend ...).",
    )
    group.add_command(evaluate, name="behaviour")
    group.add_command(eval_replay, name="replay")
    group.add_command(eval_edits, name="edits")
    return group


def register(group: click.Group) -> None:
    """Add these commands to the top-level group."""
    for command in (predict, _eval_group(), train, cards):
        group.add_command(command)
