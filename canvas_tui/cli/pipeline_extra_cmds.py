"""`synth`, `lint` and `iterate`: the data side of the behaviour pipeline (see canvas_tui/pipeline/)."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from canvas_tui.cli.common import EXIT_BACKEND, EXIT_PARTIAL, EXIT_USAGE, OutputFolder, settings_from


def _config(behaviour: str):
    from canvas_tui.pipeline.config import UnknownConfig, load_config

    try:
        return load_config(behaviour)
    except UnknownConfig as exc:
        raise click.UsageError(str(exc)) from exc


def teacher_options(required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--teacher/--model/--base-url (the teacher's backend) and the synth sizes, shared by synth and iterate."""
    options = [
        click.option(
            "--teacher",
            type=click.Choice(["local", "openai", "url"]),
            required=required,
            default=None,
            help="The teacher's backend: local (the embedded offline model), openai, or url (--base-url).",
        ),
        click.option("--model", default=None, help="The teacher's model name."),
        click.option("--base-url", default=None, help="Base URL of an OpenAI-compatible teacher (--teacher url)."),
        click.option("--n", "n", default=20, show_default=True, help="Teacher rows to accept."),
        click.option("--concurrency", default=4, show_default=True, help="Teacher requests in flight at once."),
        click.option("--seed", default=0, show_default=True, help="Seed of the few-shot samples and documents."),
        click.option(
            "--documents",
            "documents",
            multiple=True,
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            help="Extra folder of documents for edit/comment examples (repeatable).",
        ),
    ]

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


def _client(teacher: str, model: str | None, base_url: str | None):
    from canvas_tui.llm.backends import make_client
    from canvas_tui.llm.errors import ModelError

    try:
        return make_client(settings_from({"backend": teacher, "model": model, "base_url": base_url}))
    except ModelError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BACKEND)


async def _with_client(client, work):
    try:
        return await work
    finally:
        if client is not None:
            await client.close()


def _synth_options(n: int, concurrency: int, seed: int, documents: tuple[Path, ...]):
    from canvas_tui.pipeline.synth import SynthOptions

    return SynthOptions(
        n=n, concurrency=concurrency, seed=seed, documents=list(documents), show_progress=sys.stderr.isatty()
    )


@click.command()
@click.argument("behaviour")
@teacher_options(required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
def synth(
    behaviour: str,
    teacher: str,
    model: str | None,
    base_url: str | None,
    n: int,
    concurrency: int,
    seed: int,
    documents: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Ask a teacher model for N new BEHAVIOUR examples; keep those the checks and dedupe accept.

    Rows land in behaviours/<folder>/synthetic/<run>.jsonl. Killed, the same command resumes the run.
    """
    from canvas_tui.pipeline.synth import synthesize

    config = _config(behaviour)
    client = _client(teacher, model, base_url)
    report = asyncio.run(
        _with_client(client, synthesize(config, client, _synth_options(n, concurrency, seed, documents)))
    )
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(
            f"{report.accepted} of {n} rows accepted ({report.new} new) in {report.path}; "
            f"{report.requests_done} requests; dropped: {report.reasons or 'none'}"
        )
    sys.exit(EXIT_PARTIAL if report.failures else 0)


@click.command()
@click.argument("behaviour")
@click.option("--limit", default=30, show_default=True, help="Findings shown per level.")
@click.option("--json", "as_json", is_flag=True, help="Print every finding as JSON.")
def lint(behaviour: str, limit: int, as_json: bool) -> None:
    """Check BEHAVIOUR's labels and teacher rows; exit 1 if there are errors (warnings do not fail)."""
    from canvas_tui.pipeline.lint import lint as run_lint
    from canvas_tui.pipeline.lint import render

    report = run_lint(_config(behaviour))
    click.echo(json.dumps(report.model_dump(), indent=2) if as_json else render(report, limit=limit))
    sys.exit(EXIT_PARTIAL if report.errors else 0)


@click.command()
@click.argument("behaviour")
@teacher_options(required=False)
@click.option("--allow-lint-errors", is_flag=True, help="Train the candidate even if lint reports errors.")
@click.option("--report-dir", type=OutputFolder(), default=Path("reports"), show_default=True)
def iterate(
    behaviour: str,
    teacher: str | None,
    model: str | None,
    base_url: str | None,
    n: int,
    concurrency: int,
    seed: int,
    documents: tuple[Path, ...],
    allow_lint_errors: bool,
    report_dir: Path,
) -> None:
    """synth -> lint -> train a candidate -> eval -> keep it only if not worse than the current artifact.

    Without --teacher the candidate is trained on the current data. Exit 1 if the candidate was rejected.
    """
    from canvas_tui.pipeline.iterate import IterateOptions
    from canvas_tui.pipeline.iterate import iterate as run_iterate

    _config(behaviour)
    client = _client(teacher, model, base_url) if teacher else None
    options = IterateOptions(
        synth=_synth_options(n, concurrency, seed, documents),
        allow_lint_errors=allow_lint_errors,
        report_dir=report_dir,
    )
    try:
        outcome = asyncio.run(_with_client(client, run_iterate(behaviour, client, options)))
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{'kept' if outcome.kept else 'rejected'}: {outcome.reason}")
    click.echo(f"wrote {outcome.report}", err=True)
    sys.exit(0 if outcome.kept else EXIT_PARTIAL)


def register(group: click.Group) -> None:
    """Add these commands to the top-level group."""
    for command in (synth, lint, iterate):
        group.add_command(command)
