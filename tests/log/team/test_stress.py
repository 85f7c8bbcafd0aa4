"""Under load, nothing is lost and nothing counted twice: 20 writers × 5,000 records each, shipping to a real
PostgreSQL server that is stopped and restarted twice during the run, with one writer killed (SIGKILL)
while it writes and ships, then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from canvas_tui.log.team.admin import add_person, migrate
from canvas_tui.log.team.local_server import LocalServer
from tests.log.team.support import local_ids, owed, server_rows
from tests.log.team.writer import committed

WRITERS, RECORDS = 20, 5000
ROOT = Path(__file__).resolve().parents[3]


def _spawn(path: Path, dsn: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.log.team.writer", str(path), str(RECORDS)],
        cwd=ROOT,
        env=os.environ | {"TEAM_DSN": dsn},
    )


def _progress(logs: list[Path]) -> float:
    return sum(committed(path) for path in logs) / (WRITERS * RECORDS)


def _when(logs: list[Path], share: float, deadline: float) -> None:
    while _progress(logs) < share and time.monotonic() < deadline:
        time.sleep(0.1)


def _run_with_outages(
    server: LocalServer, processes: list[subprocess.Popen], people: list[str], logs: list[Path]
) -> list[int]:
    """Stop and restart the server at 15% and 55% of the records, kill writer 7 at 35% and start it again;
    the writers' exit codes."""
    deadline = time.monotonic() + 150
    _when(logs, 0.15, deadline)
    server.stop()
    time.sleep(1.0)
    server.start()
    _when(logs, 0.35, deadline)
    killed = 7
    processes[killed].send_signal(signal.SIGKILL)
    processes[killed].wait()
    processes[killed] = _spawn(logs[killed], server.dsn(people[killed], f"pw-{people[killed]}"))
    _when(logs, 0.55, deadline)
    server.stop()
    time.sleep(1.0)
    server.start()
    return [process.wait(timeout=max(1.0, deadline - time.monotonic())) for process in processes]


@pytest.mark.slow
def test_twenty_writers_through_two_restarts_and_a_killed_writer_lose_nothing_and_double_nothing(tmp_path):
    with LocalServer() as server:
        migrate(server.admin_dsn)
        people = [f"writer{index}" for index in range(WRITERS)]
        for name in people:
            add_person(server.admin_dsn, name, f"pw-{name}")
        logs = [tmp_path / f"{name}.sqlite3" for name in people]
        processes = [_spawn(path, server.dsn(name, f"pw-{name}")) for name, path in zip(people, logs)]
        try:
            codes = _run_with_outages(server, processes, people, logs)
        finally:
            for process in processes:
                process.kill()
        assert codes == [0] * WRITERS
        for name, path in zip(people, logs):
            rows = server_rows(server.admin_dsn, name)
            ids = [row[1] for row in rows]
            assert len(ids) == len(set(ids)) == RECORDS, name
            assert set(ids) == set(local_ids(path)), name
            assert [row[2] for row in rows] == sorted(row[2] for row in rows), f"{name}: out of order"
            assert owed(path) == 0
        with psycopg.connect(server.dsn(people[0], f"pw-{people[0]}")) as connection:
            assert connection.execute("SELECT count(*), count(DISTINCT person) FROM team_records").fetchone() == (
                RECORDS,
                1,
            )
