"""Benchmark: how long one policy decision takes (median and p95), rules vs trained, and the cold load.

Prints figures for the README; run with `.venv/bin/python bench/bench_policy.py`.
"""

from __future__ import annotations

import statistics
import time

from canvas_tui.behaviours.policy.data import labels_path, read_rows
from canvas_tui.behaviours.policy.decide import decide_with
from canvas_tui.behaviours.policy.scorers import SCORERS

ROUNDS = 5


def _latencies(name: str, items) -> list[float]:
    """Seconds per decision over every labelled row, `ROUNDS` times."""
    scorer = SCORERS[name]()
    timings = []
    for _ in range(ROUNDS):
        for item in items:
            start = time.perf_counter()
            decide_with(scorer, item, 0.5)
            timings.append(time.perf_counter() - start)
    return timings


def main() -> None:
    """Print the cold load time and per-decision latencies."""
    start = time.perf_counter()
    SCORERS["trained"]()
    print(f"policy: trained model cold load {1000 * (time.perf_counter() - start):.1f} ms")
    items = [row.as_input() for row in read_rows(labels_path())[0]]
    for name in SCORERS:
        timings = sorted(_latencies(name, items))
        p95 = timings[int(0.95 * len(timings))]
        print(
            f"policy: {name:8s} median {1e6 * statistics.median(timings):7.1f} us  p95 {1e6 * p95:7.1f} us"
            f"  ({len(timings)} decisions)"
        )


if __name__ == "__main__":
    main()
