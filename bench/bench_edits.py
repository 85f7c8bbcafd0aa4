"""Benchmark: how long the edit-outcome eval takes per case on the embedded model, by operation.

Runs the first PER_OPERATION cases of each operation of behaviours/edits/cases.jsonl through a headless
session on the local backend (as `canvas-tui eval edits` does) and prints the median seconds per case and
the pass count, per operation. Run with `.venv/bin/python bench/bench_edits.py`.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from canvas_tui.behaviours.defaults import default_behaviours
from canvas_tui.config import Settings
from canvas_tui.edit_eval.cases import documents_dir, load_cases
from canvas_tui.edit_eval.run import run_cases
from canvas_tui.llm.backends import make_client

PER_OPERATION = 3


async def _run() -> None:
    settings = Settings(log_path=":memory:")
    client = make_client(settings)
    cases = load_cases()
    started = time.perf_counter()
    outcomes = []
    for operation in ("delete", "move", "insert", "replace", "rewrite"):
        chosen = [case for case in cases if case.operation == operation][:PER_OPERATION]
        outcomes += await run_cases(chosen, documents_dir(), client, default_behaviours(), settings)
    await client.close()
    for operation in ("delete", "move", "insert", "replace", "rewrite"):
        mine = [o for o in outcomes if o.operation == operation]
        print(
            f"edits: {operation:8s} median {statistics.median(o.seconds for o in mine):6.2f} s per case, "
            f"{sum(o.passed for o in mine)}/{len(mine)} passed"
        )
    print(f"edits: {len(outcomes)} cases in {time.perf_counter() - started:.1f} s (server start-up included)")


def main() -> None:
    """Print per-operation timings of the edit-outcome eval on the embedded model."""
    asyncio.run(_run())


if __name__ == "__main__":
    main()
