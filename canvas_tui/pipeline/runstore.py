"""The files of one synth run, written so a killed run can resume where it stopped.

`synthetic/<run-key>.jsonl` holds the accepted rows (what training reads); `synthetic/runs/
<run-key>.log.jsonl` holds one line per finished teacher request (its index, counts, reasons).
Every append is flushed and fsynced before the next request is counted as done, and a line torn
by a kill is cut off on the next start, so a resumed run neither loses nor repeats a request.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def _repair(path: Path) -> None:
    """Cut a last line that a kill left without its newline."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _append(path: Path, records: list[dict[str, Any]]) -> None:
    if not records:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
        handle.flush()
        os.fsync(handle.fileno())


class RunStore:
    """The accepted rows and the request log of one run key."""

    def __init__(self, folder: Path, run_key: str) -> None:
        self.rows_path = folder / f"{run_key}.jsonl"
        self.log_path = folder / "runs" / f"{run_key}.log.jsonl"
        for path in (self.rows_path, self.log_path):
            _repair(path)

    def rows(self) -> list[dict[str, Any]]:
        """The rows accepted so far."""
        return _records(self.rows_path)

    def log(self) -> list[dict[str, Any]]:
        """One entry per finished request."""
        return _records(self.log_path)

    def done(self) -> set[int]:
        """Request indices already finished: logged, or with rows written (a kill between the two writes)."""
        logged = {entry["request_index"] for entry in self.log()}
        return logged | {row["provenance"]["request_index"] for row in self.rows()}

    def finish(self, rows: list[dict[str, Any]], entry: dict[str, Any]) -> None:
        """Durably record one finished request: its accepted rows first, then its log entry."""
        _append(self.rows_path, rows)
        _append(self.log_path, [entry])
