"""`canvas-tui eval edits`: the edit-outcome eval on one or more backends, side by side."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_BACKEND, EXIT_PARTIAL, EXIT_USAGE, OutputFolder, OutputPath

BACKENDS = click.Choice(["local", "openai", "url", "replay"])


@click.command(name="edits")
@click.option(
    "--backend",
    "backends",
    type=BACKENDS,
    multiple=True,
    help="Backend to evaluate (repeatable, side by side; default: local, the embedded model).",
)
@click.option("--model", default=None, help="Model name for the openai/url backends.")
@click.option("--base-url", default=None, help="Base URL for --backend url (any OpenAI-compatible server).")
@click.option(
    "--cases",
    "cases_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Cases file (default: behaviours/edits/cases.jsonl).",
)
@click.option(
    "--operation",
    "operations",
    multiple=True,
    type=click.Choice(["delete", "move", "insert", "replace", "rewrite"]),
    help="Only these operations.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N cases (after --operation).")
@click.option("--report-dir", type=OutputFolder(), default=Path("reports"), show_default=True)
@click.option(
    "--outcomes",
    type=OutputPath(),
    default=None,
    help="Also write each case's outcome as a JSON line as soon as it is known (kept if the run is stopped).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures (and each case's outcome) as JSON.")
def eval_edits(
    backends: tuple[str, ...],
    model: str | None,
    base_url: str | None,
    cases_file: Path | None,
    operations: tuple[str, ...],
    limit: int | None,
    report_dir: Path,
    outcomes: Path | None,
    as_json: bool,
) -> None:
    """Run every edit case through a headless session on each backend; report pass rates per operation and check.

    Exit 0 when every backend ran, 1 when some backend could not, 3 when none could, 2 on a bad cases file.
    """
    from canvas_tui.edit_eval.cases import load_cases

    try:
        cases = load_cases(cases_file)
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    cases = [case for case in cases if not operations or case.operation in operations][:limit]
    results, problems = asyncio.run(_run_all(list(backends) or ["local"], model, base_url, cases, as_json, outcomes))
    _report(results, report_dir, as_json)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        sys.exit(EXIT_BACKEND if not results else EXIT_PARTIAL)


async def _run_all(
    backends: list[str], model: str | None, base_url: str | None, cases, quiet: bool, outcomes: Path | None
):
    """Each backend's outcomes, and a plain sentence for each backend that could not run."""
    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.config import load_settings
    from canvas_tui.edit_eval.cases import documents_dir
    from canvas_tui.edit_eval.run import run_cases
    from canvas_tui.llm.backends import make_client
    from canvas_tui.llm.errors import ModelUnavailable

    results, problems = {}, []
    for backend in backends:
        settings = load_settings(backend=backend, model=model, base_url=base_url, log_path=":memory:")
        behaviours = default_behaviours(settings.policy_threshold)
        try:
            client = make_client(settings)
            label = f"{backend}:{client.model}"
            results[label] = await run_cases(
                cases, documents_dir(), client, behaviours, settings, _progress(label, quiet, outcomes)
            )
            await client.close()
        except ModelUnavailable as exc:
            problems.append(f"{backend}: {exc}")
    return results, problems


def _progress(label: str, quiet: bool, outcomes: Path | None):
    """What to do as each case finishes: say so on stderr (unless quiet), append it to the outcomes file."""

    def done(outcome) -> None:
        if not quiet:
            click.echo(
                f"{label} {outcome.id} {'pass' if outcome.passed else 'FAIL'} {outcome.kind} {outcome.seconds:.1f}s",
                err=True,
            )
        if outcomes is not None:
            with outcomes.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"backend": label, **outcome.model_dump()}) + "\n")

    return done


def _report(results, report_dir: Path, as_json: bool) -> None:
    from canvas_tui.edit_eval.report import summarise, to_markdown

    summaries = [summarise(label, outcomes) for label, outcomes in results.items()]
    text = to_markdown(summaries, results)
    report_dir.mkdir(parents=True, exist_ok=True)
    path = report_dir / "edits-eval.md"
    path.write_text(text, encoding="utf-8")
    if as_json:
        click.echo(
            json.dumps(
                {
                    "summaries": [s.model_dump() for s in summaries],
                    "cases": {label: [o.model_dump() for o in outcomes] for label, outcomes in results.items()},
                },
                indent=2,
            )
        )
    else:
        click.echo(text)
    click.echo(f"wrote {path}", err=True)
