"""Benchmark the app: cold start to first frame, keystroke-to-render latency in the canvas at 10 KB,
100 KB and 1 MB, the cost of committing typing as a version, and applying and showing a model edit at 1 MB.

Prints figures for the README; run with `.venv/bin/python bench/bench_app.py`. Uses a scripted
model and fake behaviours (no model server), headless (Textual's test driver renders every frame).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.geometry import Region  # noqa: E402

from canvas_tui.app import build_app  # noqa: E402
from canvas_tui.config import Settings  # noqa: E402
from canvas_tui.llm.scripted import ScriptedClient  # noqa: E402
from canvas_tui.log.store import DecisionLog  # noqa: E402
from canvas_tui.session import Session  # noqa: E402
from tests.fakes import fake_behaviours  # noqa: E402

KEYSTROKES = 40
SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": 1_000_000}
PARAGRAPH = (
    "Canvas documents are edited by a person and a model together; every change is a version. "
    "This sentence pads the benchmark document to the size under test.\n\n"
)
FIRST_FRAME = """
import asyncio, sys
sys.path.insert(0, {root!r})
from canvas_tui.app import build_app
from canvas_tui.config import Settings
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import Session
from canvas_tui.log.store import DecisionLog
from tests.fakes import fake_behaviours

async def main():
    session = Session(ScriptedClient(), fake_behaviours(), DecisionLog(":memory:"), Settings(log_path=":memory:"))
    async with build_app(session).run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        print("first-frame", flush=True)

asyncio.run(main())
"""


def cold_start_seconds() -> float:
    """Wall time from launching a fresh interpreter to the app's first rendered frame."""
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME.format(root=str(ROOT))], capture_output=True, text=True, check=True
    ).stdout
    assert "first-frame" in output
    return time.perf_counter() - started


def document(size: int) -> str:
    """A markdown document of `size` characters."""
    return ("# Benchmark\n\n" + PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]


def session_with(text: str, folder: Path) -> Session:
    path = folder / "bench.md"
    path.write_text(text)
    session = Session(ScriptedClient(), fake_behaviours(), DecisionLog(":memory:"), Settings(log_path=":memory:"))
    session.open_document(text, title=path.name, path=path)
    return session


async def typing_figures(text: str, folder: Path) -> dict[str, float]:
    """Median/p95 ms from a key press to the frame showing it; ms to commit typing as a version; ms for a model edit."""
    session = session_with(text, folder)
    app = build_app(session, debounce=3600, autosave_interval=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        editor = app.canvas.editor
        editor.focus()
        editor.cursor_location = (editor.document.line_count // 2, 0)
        await pilot.pause()
        latencies = []
        for _ in range(KEYSTROKES):
            started = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            latencies.append((time.perf_counter() - started) * 1000)
        direct = []
        for _ in range(KEYSTROKES):
            started = time.perf_counter()
            editor.insert("y")
            editor.render_lines(Region(0, 0, editor.size.width, editor.size.height))
            direct.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        app.commit_typing()
        await pilot.pause()
        commit_ms = (time.perf_counter() - started) * 1000
        middle = len(session.document.text) // 2
        started = time.perf_counter()
        session.document.replace(
            middle,
            min(middle + 40, len(session.document.text)),
            "a model's replacement text",
            author="model",
            summary="bench",
        )
        app.refresh_canvas()
        await pilot.pause()
        model_edit_ms = (time.perf_counter() - started) * 1000
        assert editor.text == session.document.text
    return {
        "median": statistics.median(latencies),
        "p95": _p95(latencies),
        "direct_median": statistics.median(direct),
        "direct_p95": _p95(direct),
        "commit": commit_ms,
        "model_edit": model_edit_ms,
        "highlighted": editor.language is not None,
    }


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def main() -> None:
    os.environ.setdefault("CANVAS_TUI_DATA_DIR", tempfile.mkdtemp(prefix="canvas-bench-"))
    print(f"cold start to first frame (fresh interpreter, headless): {cold_start_seconds():.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for label, size in {"empty (harness baseline)": 0, **SIZES}.items():
            figures = asyncio.run(typing_figures(document(size), Path(folder)))
            language = "markdown highlighting" if figures["highlighted"] else "no syntax highlighting"
            print(
                f"{label} ({language}):\n"
                f"  key press through the app to a rendered frame (Pilot, includes its overhead): "
                f"median {figures['median']:.1f} ms, p95 {figures['p95']:.1f} ms over {KEYSTROKES} keys\n"
                f"  edit applied + visible lines re-rendered (the widget's own work): "
                f"median {figures['direct_median']:.2f} ms, p95 {figures['direct_p95']:.2f} ms\n"
                f"  commit typing as a session version {figures['commit']:.1f} ms; "
                f"apply and show a model edit {figures['model_edit']:.1f} ms"
            )


if __name__ == "__main__":
    main()
