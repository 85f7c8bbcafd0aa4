"""Benchmark: one trigger decision of the cascade (fast model, slow path in its uncertain band), as in a chat turn.

Prints figures for the README; run with `.venv/bin/python bench/bench_trigger_cascade.py`. Every real-traffic
prompt of the held-out split and of real_test.csv is decided once, one at a time (each text is new to the slow
path's cache). Wall time varies with the load of shared cores; CPU time is the steadier figure.
"""

from __future__ import annotations

import statistics
import time

from canvas_tui.behaviours.trigger import CascadeTrigger
from canvas_tui.behaviours.trigger.data import read_labels, split
from canvas_tui.behaviours.trigger.model import TRIGGER


def _prompts() -> list[str]:
    _, held_out = split(read_labels(TRIGGER.folder / TRIGGER.labels_file))
    real_test = read_labels(TRIGGER.folder / "real_test.csv")
    return [row.prompt for row in held_out + real_test if row.origin == "real-traffic"]


def _figures(label: str, wall: list[float], cpu: list[float]) -> str:
    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * len(values))]

    return (
        f"{label}: wall median {1000 * statistics.median(wall):.2f} ms, p95 {1000 * p95(wall):.2f} ms; "
        f"CPU median {1000 * statistics.median(cpu):.2f} ms, p95 {1000 * p95(cpu):.2f} ms ({len(wall)} decisions)"
    )


def main() -> None:
    """Print the cold load time, then latencies of all decisions and of the slow ones alone, and the slow share."""
    cascade = CascadeTrigger()
    start = time.perf_counter()
    cascade.decide_many(["hello"], [None])
    cascade.slow_path()
    print(f"cascade: fast model and slow path cold load {1000 * (time.perf_counter() - start):.0f} ms {cascade.note}")
    wall, cpu, slow = [], [], []
    for prompt in _prompts():
        started, started_cpu = time.perf_counter(), time.process_time()
        (decision,) = cascade.decide_many([prompt], [None])
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        slow.append(decision.provenance.implementation == "cascade:slow")
    print(_figures("cascade, every decision", wall, cpu))
    print(
        _figures("cascade, slow decisions", [w for w, s in zip(wall, slow) if s], [c for c, s in zip(cpu, slow) if s])
    )
    print(f"slow share {sum(slow) / len(slow):.3f}")


if __name__ == "__main__":
    main()
