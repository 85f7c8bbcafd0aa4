"""Benchmark: one trigger decision and one router decision of the cascade (fast model, slow path in its uncertain
band), as in a chat turn.

Prints figures for the README; run with `.venv/bin/python bench/bench_trigger_cascade.py`. Every real-traffic
prompt of the held-out split and of real_test.csv is decided once, one at a time (each text is new to the slow
path's cache): the trigger's with no document, the router's follow-ups with a ~12 KB open document (the largest
real replies of the router's labels, joined). Wall time varies with the load of shared cores; CPU time is the
steadier figure.
"""

from __future__ import annotations

import statistics
import time

from canvas_tui.behaviours.trigger import CascadeTrigger
from canvas_tui.behaviours.trigger.data import LabelRow, read_labels, split
from canvas_tui.behaviours.trigger.model import ROUTER, TRIGGER, Task


def _rows(task: Task) -> list[LabelRow]:
    _, held_out = split(read_labels(task.folder / task.labels_file))
    real_test = read_labels(task.folder / "real_test.csv")
    return [row for row in held_out + real_test if row.origin == "real-traffic"]


def _document(rows: list[LabelRow], size: int = 12_000) -> str:
    """A ~12 KB open document: the largest real replies of `rows`, joined."""
    joined = "\n\n".join(sorted({row.document.strip() for row in rows}, key=len, reverse=True))
    return joined[:size].rsplit("\n\n", 1)[0]


def _figures(label: str, wall: list[float], cpu: list[float]) -> str:
    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * len(values))]

    return (
        f"{label}: wall median {1000 * statistics.median(wall):.2f} ms, p95 {1000 * p95(wall):.2f} ms; "
        f"CPU median {1000 * statistics.median(cpu):.2f} ms, p95 {1000 * p95(cpu):.2f} ms ({len(wall)} decisions)"
    )


def _measure(cascade: CascadeTrigger, kind: str, prompts: list[str], document: str | None) -> None:
    """Print latencies of all decisions and of the slow ones alone, and the slow share."""
    wall, cpu, slow = [], [], []
    for prompt in prompts:
        started, started_cpu = time.perf_counter(), time.process_time()
        (decision,) = cascade.decide_many([prompt], [document])
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        slow.append(decision.provenance.implementation == "cascade:slow")
    print(_figures(f"{kind} cascade, every decision", wall, cpu))
    slow_wall, slow_cpu = [w for w, s in zip(wall, slow) if s], [c for c, s in zip(cpu, slow) if s]
    if slow_wall:
        print(_figures(f"{kind} cascade, slow decisions", slow_wall, slow_cpu))
    print(f"{kind} slow share {sum(slow) / len(slow):.3f}")


def main() -> None:
    """Per task: the cold load time, then latencies of all decisions and of the slow ones alone, and the slow share."""
    cascade = CascadeTrigger()
    routes = _rows(ROUTER)
    document = _document(routes)
    for kind, prompts, open_document in (
        ("trigger", [row.prompt for row in _rows(TRIGGER)], None),
        ("router", [row.prompt for row in routes], document),
    ):
        start = time.perf_counter()
        cascade.decide_many(["hello"], [open_document])
        cascade.slow_path(kind)
        print(f"{kind}: fast model and slow path cold load {1000 * (time.perf_counter() - start):.0f} ms")
        if open_document is not None:
            print(f"router: open document of {len(open_document):,} characters")
        _measure(cascade, kind, prompts, open_document)
    if cascade.note:
        print(f"note: {cascade.note}")


if __name__ == "__main__":
    main()
