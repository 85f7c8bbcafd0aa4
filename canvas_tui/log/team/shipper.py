"""The shipper: a background thread that sends the local outbox to the team store.

At least once, in order, idempotent: rows go in `seq` order, one batch per team-store transaction,
and are deleted locally only after that transaction committed; the store ignores a record it already
has (same person, kind and id), so a batch re-sent after a crash, a lost connection or a killed process
counts once. When the store cannot be reached the shipper waits (doubling up to `max_backoff` seconds)
and tries again: a server restart, a laptop's sleep or a network change only delays shipping.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr

from canvas_tui.log import outbox
from canvas_tui.log.team.connection import TeamStoreError, check_schema, connect, team_errors

INSERT = (
    "INSERT INTO team_records (kind, id, session_id, time, behaviour, source, turn_id, decision_id, "
    "committed_at, body, seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, to_timestamp(%s), %s, %s) "
    "ON CONFLICT (person, kind, id) DO NOTHING"
)


class ShipperStatus(BaseModel):
    """What the shipper has done: rows shipped since start, the last problem (no credentials in it), when."""

    shipped: int = 0
    batches: int = 0
    problem: str | None = None
    last_shipped: datetime | None = None


class Shipper:
    """Ships one local log's outbox to the team store; `start` runs it in a daemon thread, `drain` in the caller's."""

    def __init__(
        self, log_path: Path, dsn: SecretStr | str, *, batch: int = 500, max_backoff: float = 2.0, poll: float = 1.0
    ) -> None:
        self.log_path, self.dsn = Path(log_path), dsn
        self.batch, self.max_backoff, self.poll = batch, max_backoff, poll
        self.status = ShipperStatus()
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._local: sqlite3.Connection | None = None
        self._remote: Any = None
        self._stop_at = 0.0

    def start(self) -> Shipper:
        """Ship in the background until `stop`."""
        self._thread = threading.Thread(target=self._run, name="canvas-tui-shipper", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """A record was committed: ship soon (never blocks)."""
        self._wake.set()

    def stop(self, flush: float = 2.0) -> None:
        """Try for up to `flush` seconds to ship what is owed, then stop; what is left ships next time.

        Never waits much longer: a thread still stuck connecting is left to end on its own (it is a daemon,
        and an interrupted batch is simply sent again next time)."""
        if self._thread is not None:
            self._stop_at = time.monotonic() + flush
            self._stopping.set()
            self._wake.set()
            self._thread.join(flush + 1)
            self._thread = None

    def drain(self, timeout: float = 60.0) -> int:
        """Ship in this thread (not while started) until nothing is owed or `timeout`, retrying through outages;
        returns how many rows are still owed."""
        deadline, backoff = time.monotonic() + timeout, 0.1
        try:
            while time.monotonic() < deadline:
                try:
                    if not self.ship_batch():
                        return 0
                    backoff = 0.1
                except TeamStoreError as exc:
                    self._note(exc)
                    time.sleep(min(backoff, max(0.0, deadline - time.monotonic())))
                    backoff = min(backoff * 2, self.max_backoff)
            return self.owed()
        finally:
            self._close()

    def owed(self) -> int:
        """How many rows the local outbox still owes."""
        return outbox.backlog(self._local_connection())[0]

    def ship_batch(self) -> int:
        """Send the oldest owed rows in one team-store transaction, then forget them locally; returns how many."""
        rows = outbox.pending(self._local_connection(), self.batch)
        if not rows:
            return 0
        remote = self._remote_connection()
        try:
            with team_errors(self.dsn, "shipping records"), remote.transaction(), remote.cursor() as cursor:
                cursor.executemany(INSERT, [(*row[1:], row[0]) for row in rows])
        except TeamStoreError:
            self._forget_remote()
            raise
        outbox.shipped(self._local_connection(), [row[0] for row in rows])
        self.status = self.status.model_copy(
            update={
                "shipped": self.status.shipped + len(rows),
                "problem": None,
                "batches": self.status.batches + 1,
                "last_shipped": datetime.now(UTC),
            }
        )
        return len(rows)

    def _run(self) -> None:
        backoff = 0.1
        while not self._past_deadline():
            try:
                shipped = self.ship_batch()
                backoff = 0.1
            except (TeamStoreError, sqlite3.Error) as exc:
                self._note(exc)
                self._pause(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            if not shipped:
                if self._stopping.is_set():
                    break
                self._pause(self.poll)
        self._close()

    def _note(self, problem: Exception) -> None:
        self.status = self.status.model_copy(update={"problem": str(problem)})

    def _past_deadline(self) -> bool:
        return self._stopping.is_set() and time.monotonic() >= self._stop_at

    def _pause(self, seconds: float) -> None:
        if self._stopping.is_set():
            seconds = max(0.0, min(seconds, self._stop_at - time.monotonic()))
        self._wake.wait(seconds)
        self._wake.clear()

    def _local_connection(self) -> sqlite3.Connection:
        if self._local is None:
            self._local = sqlite3.connect(self.log_path, timeout=10, check_same_thread=False)
        return self._local

    def _remote_connection(self) -> Any:
        if self._remote is None or self._remote.closed:
            self._remote = connect(self.dsn)
            try:
                check_schema(self._remote, self.dsn)
                self._remote.commit()
            except TeamStoreError:
                self._forget_remote()
                raise
        return self._remote

    def _forget_remote(self) -> None:
        if self._remote is not None:
            try:
                self._remote.close()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is dropped either way
                pass
            self._remote = None

    def _close(self) -> None:
        self._forget_remote()
        if self._local is not None:
            self._local.close()
            self._local = None
