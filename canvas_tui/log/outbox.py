"""The outbox: what the local log still owes the team store, written in the same transaction as each record.

A record committed locally has its outbox row committed with it, so nothing can be logged and then
forgotten by the shipper (canvas_tui.log.team.shipper), which sends rows in `seq` order and deletes them
only after the team store has committed them. Rows carry the record as JSON plus the columns the team
store filters on, so shipping never re-reads or re-parses records.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime

from pydantic import BaseModel

from canvas_tui.log.records import CorrectionRecord, DecisionRecord, utc_now

MIGRATION = """
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL, session_id TEXT NOT NULL,
        time TEXT NOT NULL, behaviour TEXT, source TEXT, turn_id TEXT, decision_id TEXT,
        committed_at REAL NOT NULL, body TEXT NOT NULL
    );
"""
"""Local migration 3 (canvas_tui.log.migrations): AUTOINCREMENT so a shipped row's seq is never reused."""


APP_SOURCE = "app"
"""The source of a decision made in a person's own session (its record's `source` is None)."""


class OutboxItem(BaseModel):
    """One record owed to the team store: its identity, the columns the store filters on, and its JSON."""

    kind: str
    id: str
    session_id: str
    time: datetime
    behaviour: str | None = None
    source: str | None = None
    turn_id: str | None = None
    decision_id: str | None = None
    committed_at: float
    body: str

    @classmethod
    def of_decision(cls, record: DecisionRecord) -> OutboxItem:
        """A decision; its source is where its input came from: `app` for a person's own turns, else the tag of the
        traffic it was launched from (e.g. `real-traffic:prompts`)."""
        return cls(
            kind="decision",
            id=record.id,
            session_id=record.session_id,
            time=record.time,
            behaviour=record.behaviour,
            source=record.source or APP_SOURCE,
            turn_id=record.turn_id,
            committed_at=time.time(),
            body=record.model_dump_json(),
        )

    @classmethod
    def of_correction(cls, record: CorrectionRecord) -> OutboxItem:
        """A correction, linked to the decision it corrects."""
        return cls(
            kind="correction",
            id=record.id,
            session_id=record.session_id,
            time=record.time,
            decision_id=record.decision_id,
            committed_at=time.time(),
            body=record.model_dump_json(),
        )

    @classmethod
    def of_recording_line(cls, session_id: str, position: int, line: str) -> OutboxItem:
        """Line `position` of a session's recording, as written to the file."""
        return cls(
            kind="recording",
            id=f"{session_id}:{position:09d}",
            session_id=session_id,
            time=utc_now(),
            committed_at=time.time(),
            body=line,
        )


COLUMNS = ["kind", "id", "session_id", "time", "behaviour", "source", "turn_id", "decision_id", "committed_at", "body"]
INSERT = f"INSERT INTO outbox ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def enqueue(item: OutboxItem) -> tuple[str, tuple]:
    """The statement that adds `item` to the outbox (run inside the record's own transaction)."""
    row = item.model_dump(mode="json")
    return INSERT, tuple(row[column] for column in COLUMNS)


def pending(connection: sqlite3.Connection, limit: int) -> list[tuple]:
    """Up to `limit` rows owed, oldest first: (seq, *COLUMNS)."""
    return connection.execute(f"SELECT seq, {', '.join(COLUMNS)} FROM outbox ORDER BY seq LIMIT ?", (limit,)).fetchall()


def shipped(connection: sqlite3.Connection, seqs: list[int]) -> None:
    """Forget rows the team store has committed."""
    with connection:
        connection.executemany("DELETE FROM outbox WHERE seq = ?", [(seq,) for seq in seqs])


def backlog(connection: sqlite3.Connection) -> tuple[int, float | None]:
    """How many rows are owed, and when the oldest was committed (unix time), if any."""
    count, oldest = connection.execute("SELECT count(*), min(committed_at) FROM outbox").fetchone()
    return count, oldest
