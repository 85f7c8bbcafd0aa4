"""Benchmark: how long the span scorer takes to place comments, by document size, cold and warm.

The model-based proposers take seconds per request; their latency is measured by
`canvas-tui eval comment --impl prompted --impl few-shot --impl hybrid` (ms/case in the report).
Run with `.venv/bin/python bench/bench_comment.py`.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from canvas_tui.behaviours.comment.features import analyse
from canvas_tui.behaviours.comment.labels import document
from canvas_tui.behaviours.comment.model import trained_model
from canvas_tui.behaviours.comment.proposers import ScorerProposer

ROUNDS = 5
LARGE = (
    Path(__file__).resolve().parents[1] / "behaviours" / "locate" / "documents" / "opensource-guide__best-practices.md"
)
DOCUMENTS = {
    "cover letter (1.4 KB)": document("cover_letter.txt"),
    "program (0.9 KB)": document("inventory.py"),
    "guide (4.4 KB)": document("eng-practices__review_emergencies.md"),
}


def _timed(proposer: ScorerProposer, text: str) -> tuple[float, float]:
    """Seconds for one cold request (features computed) and one warm one (features cached)."""
    analyse.cache_clear()
    start = time.perf_counter()
    proposer.placements("critique this", text, 5)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    proposer.placements("check the facts", text, 5)
    return cold, time.perf_counter() - start


def main() -> None:
    """Print the artifact load time and per-request latencies by document."""
    start = time.perf_counter()
    trained_model()
    print(f"comment: scorer cold load {1000 * (time.perf_counter() - start):.1f} ms")
    proposer = ScorerProposer()
    documents = dict(DOCUMENTS)
    if LARGE.exists():
        documents[f"large guide ({len(LARGE.read_text(encoding='utf-8')) // 1000} KB)"] = LARGE.read_text(
            encoding="utf-8"
        )
    for name, text in documents.items():
        runs = [_timed(proposer, text) for _ in range(ROUNDS)]
        cold = statistics.median(r[0] for r in runs)
        warm = statistics.median(r[1] for r in runs)
        print(f"comment: {name:24s} cold {1000 * cold:7.1f} ms  warm {1000 * warm:6.2f} ms  (median of {ROUNDS})")


if __name__ == "__main__":
    main()
