"""`canvas-tui replay REC`: the runtime replay, a recorded session re-run offline in the app or as text, every
document version checked byte for byte (the data loop's `eval replay` is in data_cmds)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_PARTIAL, EXIT_USAGE, settings_from

RECORDING = click.Path(exists=True, dir_okay=False, path_type=Path)


def load_or_exit(path: Path):
    """The recording at `path` (older schemas upgraded), or its problem in plain words and exit 2."""
    from canvas_tui.log.recording import RecordingError, load_recording

    try:
        return load_recording(path)
    except RecordingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.command()
@click.argument("recording", type=RECORDING)
@click.option(
    "--headless",
    is_flag=True,
    help="Print the replayed session as the headless chat does, instead of playing it in the app.",
)
@click.option(
    "--behaviours",
    "mode",
    type=click.Choice(["recorded", "current"]),
    default="recorded",
    show_default=True,
    help="recorded: behaviours answer as logged; current: today's behaviours decide again.",
)
@click.option("--quiet", is_flag=True, help="Print only the version checks.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def replay(recording: Path, headless: bool, mode: str, quiet: bool, as_json: bool) -> None:
    """Re-run RECORDING offline (replay backend) and check each document version byte for byte.

    Exit 0 if every version matches, 1 on a mismatch (or an action that could not be replayed),
    2 if the recording cannot be read.
    """
    from canvas_tui.replay.run import replay as run_replay

    if not headless and not (quiet or as_json):
        sys.exit(asyncio.run(_watch_in_app(load_or_exit(recording), mode)))
    watch = None if (quiet or as_json) else _printer()
    report = asyncio.run(run_replay(load_or_exit(recording), settings_from({}), mode=mode, on_action=watch))
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        _print_checks(report)
    sys.exit(0 if report.ok else EXIT_PARTIAL)


async def _watch_in_app(recording, mode: str) -> int:
    """Play the recording in the app; exit 0 if every version matched, 1 otherwise."""
    from canvas_tui.app import build_app
    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.bootstrap import close_session
    from canvas_tui.replay.run import prepare_run, report_of

    settings = settings_from({})
    run = prepare_run(recording, settings, behaviours=default_behaviours(settings.policy_threshold), mode=mode)
    app = build_app(run.session, playback=(recording, run))
    try:
        await app.run_async()
    finally:
        await close_session(run.session)
    return 0 if report_of(recording, run, mode).ok else EXIT_PARTIAL


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
        where = (
            f" (first difference at character {check.first_difference})" if check.first_difference is not None else ""
        )
        click.echo(f"version {check.position} (v{check.number}, {check.author}): {check.status}{where}")
    for problem in report.problems:
        click.echo(f"problem: {problem}")
    matched = sum(check.status == "match" for check in report.versions)
    click.echo(
        f"{matched} of {len(report.versions)} versions match byte for byte"
        f" ({report.behaviours} behaviours, recording schema {report.written_schema})"
    )


def register(group: click.Group) -> None:
    """Add `replay` to the top-level group."""
    group.add_command(replay)
