"""Helpers for the team-store tests: write records into a local log, and read what the server holds."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from canvas_tui.log.records import CorrectionRecord, DecisionRecord


def write_records(
    log, count: int, *, prefix: str = "", behaviour: str = "trigger", source: str | None = None
) -> list[str]:
    """Append `count` decisions (every tenth followed by a correction of it); the ids of everything written."""
    ids = []
    for index in range(count):
        record = DecisionRecord(
            session_id="s",
            turn_id=f"{prefix}t{index}",
            behaviour=behaviour,
            implementation="trained",
            version="1",
            input={"message": f"{prefix} write note {index}"},
            output={"label": "canvas"},
            source=source,
        )
        assert log.append_decision(record)
        ids.append(record.id)
        if index % 10 == 0:
            correction = CorrectionRecord(session_id="s", kind="canvas_closed", decision_id=record.id)
            assert log.append_correction(correction)
            ids.append(correction.id)
    return ids


def local_ids(path: Path) -> list[str]:
    """Every decision and correction id in a local log."""
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM decisions UNION ALL SELECT id FROM corrections")]


def owed(path: Path) -> int:
    """How many rows a local log's outbox still holds."""
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM outbox").fetchone()[0]


def server_rows(admin_dsn: str, person: str) -> list[tuple[str, str, int]]:
    """(kind, id, seq) of a person's records on the server, in arrival order (read as the administrator)."""
    with psycopg.connect(admin_dsn) as connection:
        return connection.execute(
            "SELECT kind, id, seq FROM team_records WHERE person = %s ORDER BY arrival", (person,)
        ).fetchall()


REFUSING = "postgresql://nobody:secret@127.0.0.1:1/team"
"""A store whose port refuses connections at once: a server that is down."""


@contextmanager
def silent_server() -> Iterator[str]:
    """A loopback port that accepts TCP connections and never answers: a store that hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"postgresql://nobody:secret@127.0.0.1:{listener.getsockname()[1]}/team"
