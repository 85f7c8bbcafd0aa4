"""Benchmark of the headless core on the embedded model: server start-up, time to first token,
tokens per second, and turn latency for each kind of turn. Prints figures quoted in the README.

Run: .venv/bin/python bench/bench_core.py
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from canvas_tui.behaviours.base import Provenance, Span, TriggerDecision
from canvas_tui.behaviours.defaults import default_behaviours
from canvas_tui.config import Settings
from canvas_tui.llm.local import LocalModelClient
from canvas_tui.llm.local_server import LocalServer
from canvas_tui.llm.types import ModelRequest
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "eng-practices__review_emergencies.md"
REPEATS = 3


class RouteTo:
    """A trigger that always routes to one label, so each kind of turn is measured on purpose."""

    name, version = "bench-route", "1"

    def __init__(self, label: str) -> None:
        self.label = label

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision:
        return TriggerDecision(
            label=self.label, confidence=1.0, provenance=Provenance(implementation=self.name, version="1")
        )


async def stream_figures(client: LocalModelClient) -> tuple[float, float]:
    """Median time to first token (ms) and tokens per second over a few generations."""
    first, rates = [], []
    for _ in range(REPEATS):
        request = ModelRequest(
            purpose="bench",
            max_tokens=96,
            temperature=0.0,
            messages=[{"role": "user", "content": "Write a paragraph about the sea."}],
        )
        started, first_at, pieces = time.perf_counter(), None, 0
        async for _delta in client.stream(request):
            first_at = first_at or time.perf_counter()
            pieces += 1
        ended = time.perf_counter()
        first.append((first_at - started) * 1000)
        rates.append(pieces / max(ended - first_at, 1e-9))
    return statistics.median(first), statistics.median(rates)


async def turn_latencies(client: LocalModelClient, workdir: Path) -> dict[str, float]:
    """Median wall time (s) of each kind of turn, routed by a fixed trigger so each kind is measured."""
    behaviours = default_behaviours()
    document = CORPUS.read_text()
    settings = Settings(log_path=workdir / "log.sqlite3", max_tokens=256)
    kinds = {
        "chat": ("chat", "What is an emergency CL?", None),
        "new_document": ("canvas", "Write a short memo about tea.", None),
        "edit (located)": ("edit", "Make the introduction more formal", None),
        "edit (selection)": ("edit", "Make this punchier", Span(start=0, end=40)),
        "comment": ("comment", "Critique this", None),
    }
    figures = {}
    for name, (label, message, selection) in kinds.items():
        times = []
        for _ in range(REPEATS):
            behaviours.trigger = RouteTo(label)
            session = Session(client, behaviours, DecisionLog(settings.log_path), settings)
            if label != "canvas":
                session.open_document(document, title="doc")
            started = time.perf_counter()
            await session.turn(message, selection=selection)
            times.append(time.perf_counter() - started)
            client.observers.clear()
        figures[name] = statistics.median(times)
    return figures


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server = LocalServer(state_file=workdir / "server.json")
        started = time.perf_counter()
        server.ensure()
        startup = time.perf_counter() - started
        client = LocalModelClient(server, timeout=300)
        try:
            first_token, rate = await stream_figures(client)
            turns = await turn_latencies(client, workdir)
        finally:
            await client.close()
    print("canvas-tui core benchmark (embedded SmolLM2-135M-Instruct Q4_1, llama.cpp, 2 cores)")
    print(f"  local model server start-up     {startup:6.2f} s")
    print(f"  time to first token (median)    {first_token:6.0f} ms")
    print(f"  generation rate (median)        {rate:6.1f} tokens/s (stream chunks)")
    for name, seconds in turns.items():
        print(f"  turn latency: {name:17} {seconds:6.2f} s (median of {REPEATS}, max_tokens=256)")


if __name__ == "__main__":
    asyncio.run(main())
