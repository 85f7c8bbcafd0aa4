"""Locator latency on a ~100 KB document: first call (segmentation + indexes) and cached calls."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from canvas_tui.behaviours.locate import decide

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = [
    "tighten the Documenting your processes section",
    "the paragraph about taking regular breaks",
    'rephrase "You never know who might be reading or using your project."',
    "in the section on saying no, shorten the second paragraph",
    "make the last sentence of the intro punchier",
    "make it more formal",
]


def _document() -> str:
    base = (ROOT / "behaviours/locate/documents/opensource-guide__best-practices.md").read_text(encoding="utf-8")
    copies = -(-100_000 // len(base))
    return "\n\n".join(base.replace("## ", f"## Part {n}: ", 1) for n in range(copies))


def main() -> None:
    """Print cold and warm latency per request in milliseconds."""
    text = _document()
    started = time.perf_counter()
    decide(text, REQUESTS[0])
    cold = (time.perf_counter() - started) * 1000
    warm = []
    for _ in range(5):
        for request in REQUESTS:
            started = time.perf_counter()
            decide(text, request)
            warm.append((time.perf_counter() - started) * 1000)
    print(f"locate on {len(text):,} chars: first call {cold:.0f} ms (segmentation + index, cached per text)")
    print(f"cached calls: median {statistics.median(warm):.2f} ms, max {max(warm):.2f} ms over {len(warm)} calls")


if __name__ == "__main__":
    main()
