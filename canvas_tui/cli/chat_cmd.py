"""`canvas-tui chat`: the app, or with --headless a scriptable line-oriented chat on stdin/stdout."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_BACKEND, EXIT_PARTIAL, OutputPath, backend_options, settings_from
from canvas_tui.document.files import FileProblem
from canvas_tui.llm.errors import ModelError


@click.command()
@click.option("--headless", is_flag=True, help="Line-oriented chat on stdin/stdout instead of the app.")
@click.option("--doc", type=click.Path(path_type=Path), default=None, help="Open this file as the document.")
@click.option("--record", type=OutputPath(), default=None, help="Record the session to this JSONL file.")
@backend_options
def chat(headless: bool, doc: Path | None, record: Path | None, **backend: object) -> None:
    """Chat beside the canvas. With --headless, each stdin line is a turn.

    Each turn prints the reply (or the new document, or the change as a diff) and one status line
    with the decisions taken. Exit 1 if any turn or /command failed, 3 if the model backend could not start.
    """
    settings = settings_from(backend)
    if not headless:
        from canvas_tui.cli.app_cmd import run_app

        run_app(settings, doc, record)
        return
    sys.exit(asyncio.run(_headless(settings, doc, record)))


async def _headless(settings, doc: Path | None, record: Path | None) -> int:
    from canvas_tui.bootstrap import SessionOptions, close_session, open_session
    from canvas_tui.headless import HeadlessChat

    try:
        session = open_session(settings, SessionOptions(document=doc, record=record))
    except FileProblem as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_PARTIAL
    except ModelError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_BACKEND
    if session.log.problem:
        click.echo(f"warning: {session.log.problem}", err=True)
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        failures = await HeadlessChat(session, sys.stdout).run(sys.stdin)
    finally:
        await close_session(session)
    return EXIT_PARTIAL if failures else 0


def register(group: click.Group) -> None:
    """Add `chat` to the top-level group."""
    group.add_command(chat)
