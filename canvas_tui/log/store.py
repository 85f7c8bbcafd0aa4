"""The SQLite decision log: WAL mode, ordered migrations, one transaction per record, never fatal.

If the log cannot be opened or written (read-only location, disk full), the app keeps working:
`DecisionLog.problem` says in plain words that decisions are not being logged.

With a team store configured, each record's outbox row is committed in the record's own transaction
and a background shipper (canvas_tui.log.team) sends it on: a turn never waits on the network.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from canvas_tui.log.migrations import MIGRATIONS
from canvas_tui.log.outbox import OutboxItem, enqueue
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

BLOB_THRESHOLD = 4096
"""Strings in a decision's input longer than this are stored once, by content hash."""

_DECISION_COLUMNS = list(DecisionRecord.model_fields)
_CORRECTION_COLUMNS = list(CorrectionRecord.model_fields)


def _migrate(connection: sqlite3.Connection) -> None:
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        connection.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")


class DecisionLog:
    """Append-only store of decisions and corrections; reads stream in time order."""

    def __init__(self, path: Path | str, *, team_store: SecretStr | str | None = None) -> None:
        self.path = Path(path)
        self.problem: str | None = None
        self._connection: sqlite3.Connection | None = None
        self.shipper = None
        try:
            self._connection = self._open()
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"Decisions are not being logged: cannot open {self.path} ({exc})."
        if team_store is not None and self._connection is not None and str(self.path) != ":memory:":
            from canvas_tui.log.team.shipper import Shipper

            self.shipper = Shipper(self.path, team_store).start()

    def _open(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        _migrate(connection)
        return connection

    @property
    def healthy(self) -> bool:
        return self._connection is not None and self.problem is None

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]], owed: OutboxItem | None = None) -> bool:
        if self._connection is None:
            return False
        if owed is not None:
            statements = [*statements, enqueue(owed)]
        try:
            with self._connection:
                self._connection.execute("BEGIN")
                for sql, values in statements:
                    self._connection.execute(sql, values)
        except sqlite3.Error as exc:
            self.problem = f"Decisions are not being logged: writing {self.path} failed ({exc})."
            return False
        if owed is not None:
            self.shipper.wake()
        return True

    def append_decision(self, record: DecisionRecord) -> bool:
        """Store one decision (large input strings as blobs) atomically; False if it could not be logged."""
        blobs: list[tuple[str, tuple[Any, ...]]] = []
        stored_input = {key: _blobbed(value, blobs) for key, value in record.input.items()}
        row = record.model_dump(mode="json") | {
            "input": json.dumps(stored_input),
            "output": json.dumps(record.output),
            "fallback": int(record.fallback),
        }
        insert = (
            f"INSERT INTO decisions ({', '.join(_DECISION_COLUMNS)}) VALUES ({', '.join('?' * len(_DECISION_COLUMNS))})",
            tuple(row[column] for column in _DECISION_COLUMNS),
        )
        return self._write([*blobs, insert], OutboxItem.of_decision(record) if self.shipper else None)

    def append_correction(self, record: CorrectionRecord) -> bool:
        """Store one correction atomically; False if it could not be logged."""
        row = record.model_dump(mode="json") | {"detail": json.dumps(record.detail)}
        insert = (
            f"INSERT INTO corrections ({', '.join(_CORRECTION_COLUMNS)}) VALUES ({', '.join('?' * len(_CORRECTION_COLUMNS))})",
            tuple(row[column] for column in _CORRECTION_COLUMNS),
        )
        return self._write([insert], OutboxItem.of_correction(record) if self.shipper else None)

    def recording_mirror(self, session_id: str):
        """A callback for RecordingWriter that owes each recording line to the team store (None without one)."""
        if self.shipper is None:
            return None
        positions = iter(range(1, 1 << 62))
        return lambda line: self._write([], OutboxItem.of_recording_line(session_id, next(positions), line))

    def decisions(
        self,
        *,
        since: datetime | None = None,
        behaviour: str | None = None,
        last: int | None = None,
        resolve_blobs: bool = True,
        source: str | None = None,
    ) -> Iterator[DecisionRecord]:
        """Decisions in time order (the `last` N if given), streamed row by row; `source` keeps the decisions whose
        input source starts with it (`real-traffic` keeps every launch file's, `real-traffic:prompts` one)."""
        where, values = _filters(since, behaviour, source)
        order = "DESC" if last is not None else "ASC"
        sql = f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decisions {where} ORDER BY time {order}, rowid {order}"
        if last is not None:
            rows = list(self._rows(f"{sql} LIMIT ?", (*values, int(last))))[::-1]
        else:
            rows = self._rows(sql, values)
        for row in rows:
            yield self._decision_from_row(row, resolve_blobs)

    def _decision_from_row(self, row: tuple[Any, ...], resolve_blobs: bool = True) -> DecisionRecord:
        record = dict(zip(_DECISION_COLUMNS, row))
        stored = json.loads(record["input"])
        record["input"] = self._unblob(stored) if resolve_blobs else stored
        record["output"] = json.loads(record["output"])
        return DecisionRecord.model_validate(record)

    def corrections(self, *, since: datetime | None = None) -> Iterator[CorrectionRecord]:
        """Corrections in time order."""
        where, values = _filters(since, None)
        for row in self._rows(
            f"SELECT {', '.join(_CORRECTION_COLUMNS)} FROM corrections {where} ORDER BY time", values
        ):
            record = dict(zip(_CORRECTION_COLUMNS, row))
            record["detail"] = json.loads(record["detail"])
            yield CorrectionRecord.model_validate(record)

    def decision(self, decision_id: str) -> DecisionRecord | None:
        """One decision by id."""
        rows = self._rows(f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decisions WHERE id = ?", (decision_id,))
        return next((self._decision_from_row(row) for row in rows), None)

    def _rows(self, sql: str, values: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        if self._connection is None:
            return iter(())
        return self._connection.execute(sql, values)

    def _unblob(self, stored: dict[str, Any]) -> dict[str, Any]:
        return {key: self._blob_text(value) for key, value in stored.items()}

    def _blob_text(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"$blob"}:
            row = self._connection.execute("SELECT text FROM blobs WHERE hash = ?", (value["$blob"],)).fetchone()
            return row[0] if row else None
        return value

    def close(self) -> None:
        """Close the log; with a team store, give the shipper a moment to send what is owed (the rest ships next time)."""
        if self.shipper is not None:
            self.shipper.stop()
            self.shipper = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _blobbed(value: Any, blobs: list[tuple[str, tuple[Any, ...]]]) -> Any:
    if isinstance(value, str) and len(value) > BLOB_THRESHOLD:
        digest = hashlib.sha256(value.encode()).hexdigest()
        blobs.append(("INSERT OR IGNORE INTO blobs (hash, text) VALUES (?, ?)", (digest, value)))
        return {"$blob": digest}
    return value


def _filters(since: datetime | None, behaviour: str | None, source: str | None = None) -> tuple[str, tuple[Any, ...]]:
    clauses, values = [], []
    if source is not None:
        clauses.append("substr(source, 1, ?) = ?")
        values += [len(source), source]
    if since is not None:
        clauses.append("time >= ?")
        values.append(since.isoformat())
    if behaviour is not None:
        clauses.append("behaviour = ?")
        values.append(behaviour)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(values)
