"""Pieces shared by the commands: the default-command group and the model/backend options."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_BACKEND = 3


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it is not a command, goes to a default command."""

    def __init__(self, *args: Any, default_command: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_command = default_command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        help_asked = any(arg in ("-h", "--help", "--version") for arg in args[:1])
        if not help_asked and (not args or args[0] not in self.commands):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; the team store being unreachable is said in plain words (exit 3), not as a traceback."""
        from canvas_tui.log.team.connection import TeamStoreError

        try:
            return super().invoke(ctx)
        except TeamStoreError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_BACKEND)


class _PreparedPath(click.Path):
    """A path a command will write, made ready in `convert` before any work starts: a bad one is said in plain
    words (exit 2), not as a traceback after a long run."""

    def _prepare(self, folder: Path, writable: Path, failing: str, creating: str, param, ctx) -> None:
        """Create `folder` with its missing parents, then check `writable` can be written; fail as `failing`."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.fail(f"{failing}: cannot create {creating} ({exc.strerror})", param, ctx)
        if not os.access(writable, os.W_OK):
            self.fail(f"{failing}: permission denied", param, ctx)


class OutputPath(_PreparedPath):
    """A file a command will write, made ready before any work starts (its missing folders created), so a long
    command cannot fail at its end and a bad path is said in plain words (exit 2), not as a traceback.
    With `allow_dash`, `-` means stdout and is taken as it is."""

    def __init__(self, *, allow_dash: bool = False) -> None:
        super().__init__(dir_okay=False, allow_dash=allow_dash, path_type=Path)

    def convert(self, value, param, ctx) -> Path:
        """The path, once its folder exists and the file can be written there."""
        path = super().convert(value, param, ctx)
        if self.allow_dash and str(path) == "-":
            return path
        writable = path if path.exists() else path.parent
        self._prepare(path.parent, writable, f"cannot write {path}", "its folder", param, ctx)
        return path


class OutputFolder(_PreparedPath):
    """A folder a command will write files into (reports, documents), made ready before any work starts (created
    with its missing parents), so a file in its way or a folder without write permission is said in plain words
    (exit 2) before a long run, not as a traceback after it."""

    def __init__(self) -> None:
        super().__init__(file_okay=False, path_type=Path)

    def convert(self, value, param, ctx) -> Path:
        """The folder, once it exists and can be written into."""
        path = super().convert(value, param, ctx)
        self._prepare(path, path, f"cannot write into {path}", "it", param, ctx)
        return path


class RemainingColumn(TimeRemainingColumn):
    """The time left ("3:05 left") once a step's size is known and it has advanced; nothing before."""

    def render(self, task: Task) -> Text:
        """Blank while the estimate would be a guess, else the remaining time."""
        if task.total is None or task.time_remaining is None:
            return Text("")
        return Text.assemble(super().render(task), " left")


def step_display(bar: Progress, doing: str) -> Callable[[str], None]:
    """A line on `bar` saying `doing`, and the function that adds what the run does now to it (a request's
    `on_step`)."""
    task = bar.add_task(doing, total=None)
    return lambda what: bar.update(task, description=f"{doing}: {what}")


def progress_bar(*, quiet: bool = False) -> Progress:
    """The progress display of long commands, on stderr: a step's description, a bar when its size is known, the
    time elapsed and, once there is a rate, the time left. Off when `quiet` (e.g. --json) or when stderr is not a
    terminal (as `traffic launch` does)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        RemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=quiet or not sys.stderr.isatty(),
    )


def backend_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options choosing a model backend, shared by every command that talks to a model."""
    options = [
        click.option(
            "--backend",
            type=click.Choice(["local", "openai", "url", "replay"]),
            default=None,
            help="Model backend (default: local, the embedded offline model). Env: CANVAS_TUI_BACKEND.",
        ),
        click.option("--model", default=None, help="Model name for the backend. Env: CANVAS_TUI_MODEL."),
        click.option("--base-url", default=None, help="Base URL for --backend url. Env: CANVAS_TUI_BASE_URL."),
        click.option(
            "--replay-file",
            type=click.Path(path_type=Path),
            default=None,
            help="Recording whose model replies --backend replay serves.",
        ),
        click.option(
            "--log",
            "log_path",
            type=click.Path(path_type=Path),
            default=None,
            help="SQLite decision log (default: in the user data directory). Env: CANVAS_TUI_LOG_PATH.",
        ),
        click.option(
            "--team-store",
            default=None,
            help="PostgreSQL connection string of the team store that the log "
            "is shipped to. Env: CANVAS_TUI_TEAM_STORE (better than a flag: a flag shows in the process list).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def settings_from(options: dict[str, object]):
    """Settings with the backend options' flags applied over environment and config file."""
    from canvas_tui.config import load_settings

    return load_settings(**options)
