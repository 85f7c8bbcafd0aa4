"""Benchmark: shipping to the team store under the stress test's load.

Starts a throwaway PostgreSQL server, runs WRITERS processes that each commit RECORDS records to their own
local log (shipped in the background, as the app does), and prints the shipping throughput (records/s,
from the first local commit to the last arrival) and the lag from local commit to team store (median, p95,
max), read from the store's own timestamps; then how fast one shipper drains a backlog left by an outage. Run: `.venv/bin/python bench/bench_team.py [--writers 20 --records 5000]`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from canvas_tui.log.records import DecisionRecord
from canvas_tui.log.store import DecisionLog
from canvas_tui.log.team.admin import add_person, migrate
from canvas_tui.log.team.local_server import LocalServer, server_version
from canvas_tui.log.team.shipper import Shipper

ROOT = Path(__file__).resolve().parents[1]


def drain_rate(server: LocalServer, folder: Path, backlog: int) -> float:
    """Records/s of one shipper sending a backlog that built up while the store was down (one person)."""
    add_person(server.admin_dsn, "backlog", "pw-backlog")
    path = folder / "backlog.sqlite3"
    log = DecisionLog(path, team_store=f"postgresql://backlog:pw@127.0.0.1:{_closed_port()}/team")
    for index in range(backlog):
        log.append_decision(
            DecisionRecord(
                session_id="b",
                behaviour="trigger",
                implementation="trained",
                version="1",
                input={"message": f"note {index}"},
                output={"label": "canvas"},
            )
        )
    log.close()
    started = time.perf_counter()
    left = Shipper(path, server.dsn("backlog", "pw-backlog")).drain(timeout=300)
    assert left == 0
    return backlog / (time.perf_counter() - started)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(writers: int, records: int) -> None:
    with LocalServer() as server, tempfile.TemporaryDirectory() as folder:
        migrate(server.admin_dsn)
        people = [f"bench{index}" for index in range(writers)]
        processes = []
        for name in people:
            add_person(server.admin_dsn, name, f"pw-{name}")
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.log.team.writer",
                        str(Path(folder) / f"{name}.sqlite3"),
                        str(records),
                    ],
                    cwd=ROOT,
                    env=os.environ | {"TEAM_DSN": server.dsn(name, f"pw-{name}")},
                )
            )
        started = time.monotonic()
        codes = [process.wait() for process in processes]
        wall = time.monotonic() - started
        with psycopg.connect(server.admin_dsn) as connection:
            lags = [
                row[0]
                for row in connection.execute(
                    "SELECT extract(epoch FROM shipped_at - committed_at) FROM team_records ORDER BY 1"
                )
            ]
            span = connection.execute(
                "SELECT extract(epoch FROM max(shipped_at) - min(committed_at)) FROM team_records"
            ).fetchone()[0]
        drained = drain_rate(server, Path(folder), 20_000)
    print(f"team store: {server_version()}, {writers} writers x {records} records, writers exited {set(codes)}")
    print(f"records shipped: {len(lags)} of {writers * records} in {wall:.1f} s wall")
    print(f"shipping throughput: {len(lags) / float(span):,.0f} records/s (first local commit to last arrival)")
    print(
        f"lag local commit -> team store: median {statistics.median(lags) * 1000:.0f} ms, "
        f"p95 {lags[int(0.95 * (len(lags) - 1))] * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms"
    )
    print(f"backlog drain (20,000 records owed after an outage, one shipper): {drained:,.0f} records/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--records", type=int, default=5000)
    arguments = parser.parse_args()
    run(arguments.writers, arguments.records)
