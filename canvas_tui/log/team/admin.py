"""What the team store's administrator does: set up (migrate) the schema, add a person, forget a person.

These run with the administrator's connection string (the owner of the tables), never a member's.
"""

from __future__ import annotations

from typing import Any, Literal

from psycopg import sql
from pydantic import SecretStr

from canvas_tui.log.team.connection import TeamStoreError, using
from canvas_tui.log.team.schema import LEDGER, MIGRATIONS, READER, WRITER

Role = Literal["writer", "reviewer", "reader"]


def migrate(admin_dsn: SecretStr | str) -> int:
    """Apply the migrations not yet applied, each in its own transaction; returns the schema version now."""
    while (version := using(admin_dsn, "setting up the schema", _next_migration)) < len(MIGRATIONS):
        pass
    return version


def _next_migration(connection: Any) -> int:
    """Apply the first migration not yet applied (under a lock, so two set-ups cannot race); the version after."""
    connection.execute(LEDGER)
    connection.execute("LOCK TABLE team_migrations")
    current = connection.execute("SELECT coalesce(max(number), 0) FROM team_migrations").fetchone()[0]
    if current >= len(MIGRATIONS):
        return current
    connection.execute(MIGRATIONS[current])
    connection.execute("INSERT INTO team_migrations (number) VALUES (%s)", (current + 1,))
    return current + 1


def add_person(admin_dsn: SecretStr | str, name: str, password: str, *, role: Role = "writer") -> None:
    """Create (or update) a login for `name`: a writer writes and reads their own records, a reviewer also reads
    everyone's, a reader reads everyone's and writes nothing."""
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise TeamStoreError(f"{name!r} is not a usable person name (letters, digits, '_', '-', '.')")

    def create(connection: Any) -> None:
        person = sql.Identifier(name)
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        verb = sql.SQL("ALTER ROLE") if exists else sql.SQL("CREATE ROLE")
        connection.execute(sql.SQL("{} {} LOGIN PASSWORD {}").format(verb, person, sql.Literal(password)))
        for group, member in ((WRITER, role in ("writer", "reviewer")), (READER, role in ("reviewer", "reader"))):
            grant = sql.SQL("GRANT {} TO {}") if member else sql.SQL("REVOKE {} FROM {}")
            connection.execute(grant.format(sql.Identifier(group), person))

    using(admin_dsn, f"adding {name}", create)


def forget(admin_dsn: SecretStr | str, person: str) -> int:
    """Delete every record of `person` (a deletion request); returns how many rows were deleted."""
    return using(
        admin_dsn,
        f"forgetting {person}",
        lambda connection: connection.execute("DELETE FROM team_records WHERE person = %s", (person,)).rowcount,
    )
