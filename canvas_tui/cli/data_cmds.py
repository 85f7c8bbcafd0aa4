"""The data-loop commands: `replay`, `eval replay`, `export labels|finetune`, `stats`, `winrate`.

Each command is a thin layer over `canvas_tui.data`; heavy imports happen only when one runs.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_PARTIAL, EXIT_USAGE, backend_options, settings_from

RECORDING = click.Path(exists=True, dir_okay=False, path_type=Path)


def _load(path: Path):
    from canvas_tui.data.recordings import load_recording
    from canvas_tui.log.recording import RecordingError

    try:
        return load_recording(path)
    except RecordingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.command()
@click.argument("recording", type=RECORDING)
@click.option("--headless", is_flag=True, help="Print the replayed session as the headless chat does (the default "
                                                "until the app can replay).")
@click.option("--behaviours", "mode", type=click.Choice(["recorded", "current"]), default="recorded", show_default=True,
              help="recorded: behaviours answer as logged; current: today's behaviours decide again.")
@click.option("--quiet", is_flag=True, help="Print only the version checks.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def replay(recording: Path, headless: bool, mode: str, quiet: bool, as_json: bool) -> None:
    """Re-run RECORDING offline (replay backend) and check each document version byte for byte.

    Exit 0 if every version matches, 1 on a mismatch (or an action that could not be replayed),
    2 if the recording cannot be read.
    """
    from canvas_tui.data.replay import replay as run_replay

    if not headless and not (quiet or as_json):
        click.echo("note: the app cannot replay a recording yet; replaying in the headless chat", err=True)
    watch = None if (quiet or as_json) else _printer()
    report = asyncio.run(run_replay(_load(recording), settings_from({}), mode=mode, on_action=watch))
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        _print_checks(report)
    sys.exit(0 if report.ok else EXIT_PARTIAL)


def _printer():
    from canvas_tui.headless import HeadlessChat

    def show(session, performed) -> None:
        payload = performed.action.payload
        shown = payload.get("text") if performed.action.kind in ("message", "answer") else payload or ""
        click.echo(f"» {performed.action.kind} {json.dumps(shown, ensure_ascii=False)[:100] if shown else ''}".rstrip())
        if performed.result is not None:
            HeadlessChat(session, sys.stdout).show_turn(performed.result)
        if performed.problem:
            click.echo(f"[problem] {performed.problem}")
    return show


def _print_checks(report) -> None:
    for check in report.versions:
        where = f" (first difference at character {check.first_difference})" if check.first_difference is not None else ""
        click.echo(f"version {check.position} (v{check.number}, {check.author}): {check.status}{where}")
    for problem in report.problems:
        click.echo(f"problem: {problem}")
    matched = sum(check.status == "match" for check in report.versions)
    click.echo(f"{matched} of {len(report.versions)} versions match byte for byte"
               f" ({report.behaviours} behaviours, recording schema {report.written_schema})")


def _recordings(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    return found


@click.command(name="replay")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="List every decision, not only those that changed.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@backend_options
def eval_replay(paths: tuple[Path, ...], show_all: bool, as_json: bool, **backend: object) -> None:
    """Re-run recorded sessions (files or folders of .jsonl) with today's behaviours; report changed decisions.

    Model text comes from each recording (the replay backend) unless --backend is given.
    Exit 1 if a decision the person accepted now differs or is no longer made.
    """
    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.data.eval_replay import eval_replay as run_eval, to_markdown
    from canvas_tui.llm.backends import make_client

    settings = settings_from(backend)
    reports = []
    for path in _recordings(paths):
        client = make_client(settings) if backend.get("backend") else None
        reports.append(asyncio.run(run_eval(_load(path), settings, default_behaviours(settings.policy_threshold), client)))
    if as_json:
        click.echo(json.dumps([report.model_dump() | {"counts": report.counts} for report in reports], indent=2))
    else:
        click.echo(to_markdown(reports, show_all=show_all))
    sys.exit(EXIT_PARTIAL if any(report.failed for report in reports) else 0)


def register(group: click.Group) -> None:
    """Add the data-loop commands to the top-level group (`eval replay` is added by `pipeline_cmds`)."""
    group.add_command(replay)
