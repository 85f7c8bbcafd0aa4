"""`canvas-tui [FILE]`: the interactive app (the default command); `serve` (serve_cmd) runs it in a browser."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_BACKEND, OutputPath, backend_options, settings_from


def run_app(settings, document: Path | None, record: Path | None) -> None:
    """Start the terminal app; a file that cannot be opened is reported in the app, which starts without it."""
    from canvas_tui.bootstrap import SessionOptions, open_session
    from canvas_tui.document.files import FileProblem
    from canvas_tui.llm.errors import ModelError

    problems: list[str] = []
    try:
        try:
            session = open_session(settings, SessionOptions(document=document, record=record))
        except FileProblem as exc:
            problems.append(f"{exc} canvas-tui started without it.")
            session = open_session(settings, SessionOptions(record=record))
    except ModelError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BACKEND)
    sys.exit(asyncio.run(_run(session, problems)))


async def _run(session, problems: list[str]) -> int:
    """Run the app in this event loop, then close the session in the same loop."""
    from canvas_tui.app import build_app
    from canvas_tui.bootstrap import close_session

    app = build_app(session, problems=problems)
    try:
        await app.run_async()
    finally:
        await close_session(session)
    return app.return_code or 0


@click.command(name="app")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--record", type=OutputPath(), default=None, help="Record the session to this JSONL file.")
@backend_options
def app(file: Path | None, record: Path | None, **backend: object) -> None:
    """Start canvas-tui, optionally with FILE open in the canvas."""
    run_app(settings_from(backend), file, record)


def register(group: click.Group) -> None:
    """Add `app` to the top-level group."""
    group.add_command(app)
