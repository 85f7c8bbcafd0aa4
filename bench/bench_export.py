"""Benchmark: export rate (rows/s) and peak memory of `export labels` and `export finetune` on a big log.

Fills a temporary decision log with N turns (router, locate, policy, edit decisions; a tenth of the
edits undone, a tenth of the turns a corrected trigger), then times each export and traces its peak
Python memory in a second, separate pass. Run: `.venv/bin/python bench/bench_export.py [--turns N]`
(250,000 turns = 1,000,000 decisions).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from canvas_tui.data.exports import label_rows
from canvas_tui.data.finetune import finetune_rows
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

DOCUMENTS = [f"# Report {n}\n\n" + ("This sentence is part of a long report. " * 50 + "\n\n") * 2 for n in range(10)]


def _turn(log: DataLog, index: int) -> None:
    turn, document = f"turn{index}", DOCUMENTS[index % len(DOCUMENTS)]
    span = {"start": 13, "end": 53}

    def decide(behaviour: str, inputs: dict, output: dict) -> DecisionRecord:
        record = DecisionRecord(
            session_id="bench",
            turn_id=turn,
            behaviour=behaviour,
            implementation="bench",
            version="1",
            input=inputs,
            output=output,
        )
        log.append_decision(record)
        return record

    request = f"tighten sentence {index}"
    if index % 10 == 5:
        trigger = decide("trigger", {"message": f"write note {index}", "document": None}, {"label": "canvas"})
        log.append_correction(CorrectionRecord(session_id="bench", kind="canvas_closed", decision_id=trigger.id))
    decide("router", {"message": request, "document": document}, {"label": "edit"})
    decide("locate", {"document": document, "request": request, "selection": None}, {"span": span, "unit": "sentence"})
    decide("policy", {"request": request, "span": span, "unit": "sentence"}, {"label": "targeted"})
    edit = decide("edit", {"request": request, "span": span, "targeted": True}, {"label": "applied"})
    if index % 10 == 0:
        log.append_correction(CorrectionRecord(session_id="bench", kind="edit_undone", decision_id=edit.id))


def _measure(name: str, export: Callable[[], Iterator[object]]) -> None:
    started = time.perf_counter()
    rows = sum(1 for _ in export())
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _ in export():
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{name:24} {rows:>9,} rows  {rows / seconds:>9,.0f} rows/s  peak {peak / 2**20:6.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=25_000, help="turns to log (4 decisions each)")
    turns = parser.parse_args().turns
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CANVAS_TUI_BEHAVIOURS_DIR"] = folder
        log = DataLog(Path(folder) / "log.sqlite3")
        started = time.perf_counter()
        for index in range(turns):
            _turn(log, index)
        decisions = turns * 4 + turns // 10
        print(f"filled {decisions:,} decisions in {time.perf_counter() - started:.1f} s")
        _measure("export finetune router", lambda: finetune_rows(log, "router"))
        _measure("export finetune policy", lambda: finetune_rows(log, "policy"))
        _measure("export labels trigger", lambda: label_rows(log, "trigger"))
        _measure("export labels policy", lambda: label_rows(log, "policy"))
        log.close()


if __name__ == "__main__":
    main()
