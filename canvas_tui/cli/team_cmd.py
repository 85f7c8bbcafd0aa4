"""`canvas-tui team`: set up the team store, add or forget a person, see and push what this machine still owes.

`setup`, `add-person` and `forget` run with the administrator's connection string (the owner of the
tables); `status` and `push` with a member's. The connection string comes from CANVAS_TUI_TEAM_STORE,
the config file's `team_store`, or --team-store, and is never printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_PARTIAL, settings_from
from canvas_tui.cli.team_source import team_store_setting

STORE_OPTION = click.option(
    "--team-store",
    default=None,
    help="PostgreSQL connection string (default: "
    "CANVAS_TUI_TEAM_STORE or the config file; a flag shows in the process list).",
)
LOG_OPTION = click.option(
    "--log",
    "log_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The local decision log whose outbox to ship (default: the user's).",
)


def _store(team_store: str | None):
    return team_store_setting() if team_store is None else settings_from({"team_store": team_store}).team_store


@click.group()
def team() -> None:
    """The team store: every person's decisions and corrections pooled in one PostgreSQL database."""


@team.command()
@STORE_OPTION
def setup(team_store: str | None) -> None:
    """Create or upgrade the team store's schema, roles and access rules (as the database's administrator)."""
    from canvas_tui.log.team.admin import migrate
    from canvas_tui.log.team.dsn import describe

    store = _store(team_store)
    click.echo(f"team store {describe(store)} is at schema version {migrate(store)}")


@team.command(name="add-person")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["writer", "reviewer", "reader"]),
    default="writer",
    show_default=True,
    help="writer: writes and reads their own records; reviewer: also reads everyone's; "
    "reader: reads everyone's, writes nothing.",
)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="CANVAS_TUI_NEW_PASSWORD",
    help="The person's password (asked for when not given; env: CANVAS_TUI_NEW_PASSWORD).",
)
@STORE_OPTION
def add_person(name: str, role: str, password: str, team_store: str | None) -> None:
    """Give NAME a login to the team store with ROLE (as the administrator); run again to change either."""
    from canvas_tui.log.team.admin import add_person as add

    add(_store(team_store), name, password, role=role)
    click.echo(f"{name} is a {role} of the team store")


@team.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@STORE_OPTION
def forget(person: str, yes: bool, team_store: str | None) -> None:
    """Delete every record of PERSON from the team store (a deletion request; as the administrator)."""
    from canvas_tui.log.team.admin import forget as delete

    if not yes:
        click.confirm(f"Delete every record of {person} from the team store?", abort=True)
    click.echo(f"deleted {delete(_store(team_store), person)} records of {person}")


@team.command()
@STORE_OPTION
@LOG_OPTION
@click.option("--timeout", default=10.0, show_default=True, help="Give up after this many seconds.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def push(team_store: str | None, log_path: Path | None, timeout: float, as_json: bool) -> None:
    """Ship what this machine's log still owes the team store, now (the app does it in the background).

    Exit 0 when nothing is owed any more, 1 if some records are still waiting (store unreachable).
    """
    from canvas_tui.log.store import DecisionLog
    from canvas_tui.log.team.shipper import Shipper

    path, store = settings_from({"log_path": log_path}).log_path, _store(team_store)
    local = DecisionLog(path)  # opened (and migrated) first: an older log gets its outbox table
    local.close()
    if local.problem:
        raise click.ClickException(local.problem)
    shipper = Shipper(path, store)
    left = shipper.drain(timeout)
    result = {"shipped": shipper.status.shipped, "owed": left, "problem": shipper.status.problem}
    click.echo(
        json.dumps(result)
        if as_json
        else f"shipped {result['shipped']} records; {left} still owed" + (f" ({result['problem']})" if left else "")
    )
    sys.exit(EXIT_PARTIAL if left else 0)


def register(group: click.Group) -> None:
    """Add `team` to the top-level group."""
    group.add_command(team)
