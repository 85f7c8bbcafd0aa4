"""Benchmark: how long one trigger / router decision takes (median and p95) per implementation.

Prints figures for the README; run with `.venv/bin/python bench/bench_trigger.py`.
Every labelled prompt is decided one at a time, as in a chat turn, `ROUNDS` times.
"""

from __future__ import annotations

import statistics
import time

from canvas_tui.behaviours.trigger import KeywordTrigger, TrainedTrigger
from canvas_tui.behaviours.trigger.data import read_labels
from canvas_tui.behaviours.trigger.model import ROUTER, TRIGGER, Task

ROUNDS = 3


def _latencies(trigger, task: Task) -> list[float]:
    """Seconds per single decision over every labelled row of `task`."""
    rows = read_labels(task.folder / task.labels_file)
    documents = [None if task is TRIGGER else (row.context or "document") for row in rows]
    timings = []
    for _ in range(ROUNDS):
        for row, document in zip(rows, documents):
            start = time.perf_counter()
            trigger.decide_many([row.prompt], [document])
            timings.append(time.perf_counter() - start)
    return sorted(timings)


def main() -> None:
    """Print the cold load time and per-decision latencies of each implementation and task."""
    trained = TrainedTrigger()
    start = time.perf_counter()
    trained.decide_many(["hello"], [None])
    trained.decide_many(["hello"], ["document"])
    print(f"trigger: trained models cold load {1000 * (time.perf_counter() - start):.1f} ms")
    for task in (TRIGGER, ROUTER):
        for name, implementation in (("trained", trained), ("keyword", KeywordTrigger())):
            timings = _latencies(implementation, task)
            p95 = timings[int(0.95 * len(timings))]
            print(
                f"{task.name}: {name:8s} median {1000 * statistics.median(timings):.3f} ms  "
                f"p95 {1000 * p95:.3f} ms  ({len(timings)} decisions)"
            )


if __name__ == "__main__":
    main()
