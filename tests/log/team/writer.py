"""One writer of the stress test, run as its own process: `python -m tests.log.team.writer LOG TARGET` (store in TEAM_DSN).

Commits records to its own local log, which ships them in the background, until the log holds TARGET
records (so a writer restarted after being killed carries on where its log stopped); then waits until
the outbox is empty. Exit 0 once everything committed has been shipped, 1 if not within 90 s.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

from canvas_tui.log.records import CorrectionRecord, DecisionRecord
from canvas_tui.log.store import DecisionLog
from canvas_tui.log.team.shipper import Shipper

BURST = 50


def committed(path: Path) -> int:
    """How many records the local log holds."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as connection:
            return connection.execute(
                "SELECT (SELECT count(*) FROM decisions) + (SELECT count(*) FROM corrections)"
            ).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created or not migrated yet


def write_until(log: DecisionLog, target: int, done: int) -> None:
    """Append decisions (every tenth record a correction of the one before) until the log holds `target`."""
    previous = None
    while done < target:
        for _ in range(min(BURST, target - done)):
            if done % 10 == 9 and previous is not None:
                log.append_correction(CorrectionRecord(session_id="w", kind="canvas_closed", decision_id=previous))
            else:
                record = DecisionRecord(
                    session_id="w",
                    turn_id=f"t{done}",
                    behaviour="trigger",
                    implementation="trained",
                    version="1",
                    input={"message": f"note {done}"},
                    output={"label": "canvas"},
                )
                log.append_decision(record)
                previous = record.id
            done += 1
        time.sleep(0.02)


def main() -> int:
    path, target, dsn = Path(sys.argv[1]), int(sys.argv[2]), os.environ["TEAM_DSN"]
    log = DecisionLog(path, team_store=dsn)
    write_until(log, target, committed(path))
    log.close()
    return 0 if Shipper(path, dsn).drain(timeout=90) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
