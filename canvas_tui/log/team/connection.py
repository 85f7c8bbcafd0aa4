"""Opening a connection to the team store: short timeouts, TCP keepalives, and errors without credentials."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import SecretStr

from canvas_tui.log.team.dsn import describe, scrub
from canvas_tui.log.team.schema import MIGRATIONS

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 60_000
TCP_USER_TIMEOUT_MS = 30_000
T = TypeVar("T")


class TeamStoreError(RuntimeError):
    """The team store could not be reached or refused an operation; the message names no credentials."""


def connect(dsn: SecretStr | str, *, autocommit: bool = False) -> Any:
    """A psycopg connection; TeamStoreError if not. Keepalives and a TCP user timeout make a peer lost while the
    laptop slept or the network changed an error within seconds, not a send that hangs for many minutes."""
    import psycopg

    try:
        return psycopg.connect(
            _plain(dsn),
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT_S,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
            tcp_user_timeout=TCP_USER_TIMEOUT_MS,
            options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            application_name="canvas-tui",
        )
    except psycopg.Error as exc:
        raise TeamStoreError(f"cannot reach the team store {describe(dsn)}: {scrub(_first_line(exc), dsn)}") from None


@contextmanager
def team_errors(dsn: SecretStr | str, doing: str) -> Iterator[None]:
    """Turn any psycopg error inside into a TeamStoreError saying what was being done, without credentials."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise TeamStoreError(
            f"{doing} on the team store {describe(dsn)} failed: {scrub(_first_line(exc), dsn)}"
        ) from None


def using(dsn: SecretStr | str, doing: str, work: Callable[[Any], T], *, autocommit: bool = False) -> T:
    """Run `work(connection)` in one transaction on a fresh connection, closed afterwards."""
    connection = connect(dsn, autocommit=autocommit)
    try:
        with team_errors(dsn, doing), connection.transaction():
            return work(connection)
    finally:
        connection.close()


def check_schema(connection: Any, dsn: SecretStr | str) -> None:
    """Refuse, in plain words, a store that was never set up or was set up by a newer canvas-tui."""
    with team_errors(dsn, "reading the schema version"):
        exists = connection.execute("SELECT to_regclass('team_migrations') IS NOT NULL").fetchone()[0]
        version = (
            connection.execute("SELECT coalesce(max(number), 0) FROM team_migrations").fetchone()[0] if exists else 0
        )
    if version < len(MIGRATIONS):
        raise TeamStoreError(
            f"the team store {describe(dsn)} is not set up (schema {version}, this canvas-tui needs "
            f"{len(MIGRATIONS)}): its administrator runs `canvas-tui team setup`"
        )
    if version > len(MIGRATIONS):
        raise TeamStoreError(
            f"the team store {describe(dsn)} was set up by a newer canvas-tui (schema {version}); upgrade canvas-tui"
        )


def _plain(dsn: SecretStr | str) -> str:
    return dsn.get_secret_value() if isinstance(dsn, SecretStr) else dsn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
