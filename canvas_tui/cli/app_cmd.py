"""`canvas-tui [FILE]`: the interactive app (the default command)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import backend_options, settings_from


def run_app(settings, document: Path | None, record: Path | None) -> None:
    """Start the terminal app; until it exists, the headless chat serves the same session."""
    from canvas_tui.cli.chat_cmd import _headless

    sys.exit(asyncio.run(_headless(settings, document, record)))


@click.command(name="app")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--record", type=click.Path(path_type=Path), default=None, help="Record the session to this JSONL file.")
@backend_options
def app(file: Path | None, record: Path | None, **backend: object) -> None:
    """Start canvas-tui, optionally with FILE open in the canvas."""
    run_app(settings_from(backend), file, record)


def register(group: click.Group) -> None:
    """Add `app` to the top-level group."""
    group.add_command(app)
