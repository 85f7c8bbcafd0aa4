"""Where the data commands read records from: the local log (default) or, with --team, the team store.

One decorator (`record_source_options`) and one opener (`open_records`): a command that reads records
takes the team store with those two lines, and gets the person / date / source filters with it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from canvas_tui.cli.common import EXIT_USAGE, settings_from

TEAM_ONLY = ("person", "until", "source")
LOG_OPTION = click.option(
    "--log",
    "log_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The SQLite decision log to read (default: the user's). Env: CANVAS_TUI_LOG_PATH.",
)
SINCE_OPTION = click.option(
    "--since",
    type=click.DateTime(),
    default=None,
    help="Only what was logged at or after this date (UTC), e.g. 2026-11-01.",
)


def record_source_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--team and the filters that only the team store has (--person, --until, --source)."""
    options = [
        click.option(
            "--team",
            is_flag=True,
            help="Read the team store (CANVAS_TUI_TEAM_STORE or team_store in the "
            "config file) instead of the local log.",
        ),
        click.option("--person", default=None, help="With --team: only this person's records (their login name)."),
        click.option(
            "--until",
            type=click.DateTime(),
            default=None,
            help="With --team: only what was logged before this date (UTC).",
        ),
        click.option(
            "--source",
            default=None,
            help="With --team: only decisions from this source: `app` (people's own "
            "turns) or a launch-traffic tag such as real-traffic:prompts.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def utc(moment: datetime | None) -> datetime | None:
    """A date from the command line, taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def open_records(
    log_path: Path | None,
    team: bool,
    *,
    person: str | None = None,
    until: datetime | None = None,
    source: str | None = None,
    since: datetime | None = None,
    behaviour: str | None = None,
    create: bool = False,
):
    """The local decision log, or the team store narrowed by the filters; exits 2 on misuse, 3 if unreachable.

    A read (`create` False) never creates a log: a --log path that does not exist is a usage error (exit 2), and
    the configured log not existing yet means nothing was logged (said on stderr, exit 0)."""
    if not team:
        given = [f"--{name}" for name, value in zip(TEAM_ONLY, (person, until, source)) if value is not None]
        if given:
            _fail(f"{', '.join(given)} filter the team store: add --team", EXIT_USAGE)
        from canvas_tui.log.datalog import DataLog

        path = settings_from({"log_path": log_path}).log_path
        if not create:
            _require_log(path, given=log_path is not None)
        store = DataLog(path)
        if store.problem:
            raise click.ClickException(store.problem)
        return store
    from canvas_tui.log.team.reader import RecordFilter

    return open_team(
        RecordFilter(person=person, since=utc(since), until=utc(until), source=source, behaviour=behaviour)
    )


def _require_log(path: Path, *, given: bool) -> None:
    """Stop a read before it would create a log: the path given does not exist (exit 2), or nothing is logged yet."""
    if path.is_file():
        return
    if given or path.exists():
        _fail(f"no decision log at {path}" + (": check the --log path" if given else ""), EXIT_USAGE)
    click.echo(f"no decisions logged yet (the log will be {path})", err=True)
    sys.exit(0)


def team_store_setting():
    """The configured team store's connection string; exits 2 with a plain message if there is none."""
    dsn = settings_from({}).team_store
    if dsn is None:
        _fail(
            "no team store is configured: set CANVAS_TUI_TEAM_STORE (or team_store in the config file) to its "
            "PostgreSQL connection string",
            EXIT_USAGE,
        )
    return dsn


def open_team(records):
    """The team store, read through `records` (a RecordFilter); a TeamStoreError (exit 3) if it cannot be reached.
    When the command ends, rows that were not valid records are reported on stderr."""
    from canvas_tui.log.team.reader import TeamLog

    store = TeamLog(team_store_setting(), records)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(lambda: _report_skipped(store))
    return store


def _report_skipped(store) -> None:
    if store.skipped:
        click.echo(f"warning: {store.skipped} rows of the team store are not valid records and were skipped", err=True)


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def open_data_log(log_path: Path | None):
    """The decision log at `log_path` (or the configured one), created if new, for commands that write to it (a
    usage error if unusable)."""
    return open_records(log_path, team=False, create=True)
