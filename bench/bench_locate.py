"""Locator latency on a ~100 KB document of distinct texts (the locator's own documents joined).

Prints: the first call on a new text for a request that needs no sentences (segmentation without
pySBD) and for one that needs them (pySBD on every paragraph holding more than one sentence); the
first call after a one-paragraph edit (sentence splits are cached per paragraph); and cached calls
once the text's indexes exist.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from canvas_tui.behaviours.locate import decide

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "behaviours/locate/documents"
REQUESTS = [
    "tighten the Documenting your processes section",
    "the paragraph about taking regular breaks",
    'rephrase "You never know who might be reading or using your project."',
    "in the section on saying no, shorten the second paragraph",
    "make the last sentence of the intro punchier",
    "the quote from the mayor is too long",
    "the methods sentence",
    "make it more formal",
]


def _document(size: int = 100_000) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.iterdir()) if p.suffix in (".md", ".txt")]
    joined, parts = 0, []
    for text in texts:
        parts.append(text.strip())
        joined += len(text)
        if joined >= size:
            break
    return "\n\n".join(parts)


def _ms(request: str, text: str) -> float:
    started = time.perf_counter()
    decide(text, request)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Print cold, edited and cached latency in milliseconds."""
    text = _document()
    cold_plain = _ms(REQUESTS[0], text)
    cold_sentences = _ms(REQUESTS[2], text)
    edited = text.replace("Skerry Point", "Skerry Head", 1)
    after_edit = _ms(REQUESTS[2], edited)
    first = {request: _ms(request, text) for request in REQUESTS}
    warm = [_ms(request, text) for _ in range(5) for request in REQUESTS]
    print(f"locate on {len(text):,} chars of distinct text")
    print(f"first call, heading request (no sentence split): {cold_plain:.0f} ms")
    print(f"first sentence-level request (pySBD on every paragraph with two sentences or more): {cold_sentences:.0f} ms")
    print(f"first call after a one-paragraph edit: {after_edit:.0f} ms")
    print(f"first call of each request kind (indexes built on demand): max {max(first.values()):.1f} ms")
    print(f"cached calls: median {statistics.median(warm):.2f} ms, max {max(warm):.2f} ms over {len(warm)} calls")


if __name__ == "__main__":
    main()
