"""Load benchmark of the document core: a 1 MB document with 500 anchored comments taken through 1,000
versions. Prints edit apply time, undo/redo time, comment re-anchoring time per edit, restore and diff
time, and memory. Figures are quoted in the README.

Run: .venv/bin/python bench/bench_load.py
"""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.document import Comment, Document
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGET_BYTES = 1_000_000
COMMENTS = 500
VERSIONS = 1000
SEED = 1125


def big_text() -> str:
    """The real corpus, repeated (each copy numbered) to about 1 MB."""
    corpus = "\n\n".join(path.read_text() for path in sorted(CORPUS.glob("*.md")))
    copies, size = [], 0
    while size < TARGET_BYTES:
        copy = f"# Copy {len(copies) + 1}\n\n{corpus}\n\n"
        copies.append(copy)
        size += len(copy.encode())
    return "".join(copies)


class TimedRefinder:
    """A session's comment re-finder (the default anchorer behind it), with the time it spends re-anchoring."""

    def __init__(self) -> None:
        self.session = Session(
            ScriptedClient(),
            Behaviours(trigger=None, locator=None, policy=None, anchorer=default_anchorer(), proposer=None),
            DecisionLog(":memory:"),
            Settings(log_path=":memory:"),
        )
        self.seconds, self.calls = 0.0, 0

    def refind(self, text: str, quote: str, near: int) -> tuple[int, int] | None:
        started = time.perf_counter()
        span = self.session._refind(text, quote, near)
        self.seconds += time.perf_counter() - started
        self.calls += 1
        return span


def add_comments(document: Document, rng: random.Random) -> None:
    """Comments on COMMENTS sentences spread over the text (quotes of 40-120 characters)."""
    text = document.text
    for number in range(COMMENTS):
        start = text.find(" ", rng.randrange(len(text) - 200)) + 1
        end = start + rng.randrange(40, 120)
        document.add_comment(
            Comment(id=f"c{number}", quote=text[start:end], comment="look at this", start=start, end=end)
        )


def an_edit(document: Document, rng: random.Random) -> tuple[int, int, str]:
    """Mostly small targeted edits (a word), some paragraph rewrites, often right on a commented span."""
    text = document.text
    if rng.random() < 0.5 and document.active_comments:
        comment = rng.choice(document.active_comments)
        start = comment.start + (comment.end - comment.start) // 2
    else:
        start = rng.randrange(len(text) - 2000)
    if rng.random() < 0.85:
        end = text.find(" ", start + 1)
        return start, end, " changed"
    end = text.find("\n\n", start)
    return start, end, "A rewritten paragraph that replaces what was there with new words. " * 3


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    return (
        f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {ordered[int(len(ordered) * 0.95)] * 1000:7.2f} ms"
        f"   max {ordered[-1] * 1000:7.2f} ms"
    )


def main() -> None:
    rng = random.Random(SEED)
    tracemalloc.start()
    anchorer = TimedRefinder()
    document = Document(big_text(), title="load", refind=anchorer.refind)
    add_comments(document, rng)
    base = tracemalloc.get_traced_memory()[0]
    applies, anchoring = [], []
    for _ in range(VERSIONS):
        start, end, new = an_edit(document, rng)
        before = anchorer.seconds
        applies.append(timed(lambda: document.replace(start, end, new, author="model", summary="edit")))
        anchoring.append(anchorer.seconds - before)
    grown = tracemalloc.get_traced_memory()[0] - base
    latest = timed(lambda: document.diff_of(document.current))
    slowest = max(range(VERSIONS), key=applies.__getitem__)
    undos = [timed(document.undo) for _ in range(50)]
    redos = [timed(document.redo) for _ in range(50)]
    restores = [timed(lambda n=n: document.restore(n)) for n in (1, VERSIONS // 2, VERSIONS - 1)]
    diffs = [timed(lambda n=n: document.diff_of(n)) for n in (2, VERSIONS // 4, VERSIONS // 2)]
    peak = tracemalloc.get_traced_memory()[1]
    print(
        f"document: {len(document.text.encode()) / 1e6:.2f} MB, {COMMENTS} comments, {len(document.versions)} versions"
    )
    print(f"edit apply (incl. comments)  {ms(applies)}   (slowest: edit #{slowest + 1})")
    print(
        f"comment re-anchoring / edit  {ms(anchoring)}   ({anchorer.calls} re-finds,"
        f" {len(document.active_comments)} comments still anchored)"
    )
    print(f"undo                         {ms(undos)}")
    print(f"redo                         {ms(redos)}")
    print(f"restore (v1, v{VERSIONS // 2}, v{VERSIONS - 1})     {ms(restores)}")
    print(f"diff of the latest version   {latest * 1000:7.2f} ms (what the chat shows after each edit)")
    print(f"diff of v2, v{VERSIONS // 4}, v{VERSIONS // 2}         {ms(diffs)}")
    print(f"memory: versions and comments {grown / 1e6:.1f} MB over the text; peak {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
