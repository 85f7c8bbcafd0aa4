"""Locator latency on a ~100 KB document of distinct texts (the locator's own documents joined).

Prints: the first call on a new text for a request that needs no sentences (segmentation without
pySBD) and for one that needs them (pySBD on every paragraph holding more than one sentence); the
first call after a one-paragraph edit (sentence splits are cached per paragraph); and cached calls
once the text's indexes exist. These figures are the deterministic locator (`rules_only()`).

Then the model part (topics scored by meaning with all-MiniLM-L6-v2, when installed): ms per batch of
32 sentences, the first meaning request on a ~12 KB document (paragraphs, then sentences, encoded),
and the same requests again (vectors cached by text hash).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from canvas_tui.behaviours.locate import decide
from canvas_tui.behaviours.locate.meaning import rules_only
from canvas_tui.document.units import segment
from canvas_tui.embeddings import default_embedder

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


def _rules() -> None:
    """Print cold, edited and cached latency of the deterministic locator in milliseconds."""
    text = _document()
    cold_plain = _ms(REQUESTS[0], text)
    cold_sentences = _ms(REQUESTS[2], text)
    edited = text.replace("Skerry Point", "Skerry Head", 1)
    after_edit = _ms(REQUESTS[2], edited)
    first = {request: _ms(request, text) for request in REQUESTS}
    warm = [_ms(request, text) for _ in range(5) for request in REQUESTS]
    print(f"locate on {len(text):,} chars of distinct text")
    print(f"first call, heading request (no sentence split): {cold_plain:.0f} ms")
    print(
        f"first sentence-level request (pySBD on every paragraph with two sentences or more): {cold_sentences:.0f} ms"
    )
    print(f"first call after a one-paragraph edit: {after_edit:.0f} ms")
    print(f"first call of each request kind (indexes built on demand): max {max(first.values()):.1f} ms")
    print(f"cached calls: median {statistics.median(warm):.2f} ms, max {max(warm):.2f} ms over {len(warm)} calls")


MEANING = ["the paragraph about where people spent the night", "the sentence with the water level figures"]


def _model() -> None:
    """Print the embedding model's load time, batch cost, and first and cached meaning requests on ~12 KB."""
    started = time.perf_counter()
    embedder = default_embedder()
    if embedder is None:
        print("embedding model not installed: the locator uses the rules alone")
        return
    print(f"model load: {(time.perf_counter() - started) * 1000:.0f} ms")
    text = _document(12_000)[:12_000].rsplit("\n\n", 1)[0]
    embedder.embed(["warm-up"])
    batch = [text[u.start : u.end] for u in segment(text).sentences[:32]]
    tokens = sum(sum(e.attention_mask) for e in embedder.tokenizer.encode_batch(batch))
    started = time.perf_counter()
    embedder.embed(batch)
    print(f"one batch of {len(batch)} sentences ({tokens} tokens): {(time.perf_counter() - started) * 1000:.0f} ms")
    first = [_ms(request, text) for request in MEANING]
    cached = [_ms(request, text) for _ in range(5) for request in MEANING]
    print(
        f"meaning requests on {len(text):,} chars: first paragraph-level {first[0]:.0f} ms, "
        f"first sentence-level {first[1]:.0f} ms; cached median {statistics.median(cached):.1f} ms"
    )


REPLY_REQUESTS = [
    "the function still throws, can you fix it?",
    'Traceback (most recent call last):\n  File "main.py", line 12, in main\nValueError: bad value',
    "point 3 needs more detail",
    "the paragraph about performance",
    "make it shorter",
]


def _reply(size: int = 12_000) -> str:
    """A ~12 KB assistant reply: the largest real replies of the locate labels joined (prose, lists, code)."""
    replies = sorted(DOCUMENTS.glob("real-*.md"), key=lambda p: -p.stat().st_size)
    parts, joined = [], 0
    for path in replies:
        if joined >= size:
            break
        parts.append(path.read_text(encoding="utf-8").strip())
        joined += len(parts[-1])
    return "\n\n".join(parts)[:size].rsplit("\n\n", 1)[0]


def _replies() -> None:
    """Print first-call and median latency of the default locator on a ~12 KB real reply (model included)."""
    text = _reply()
    first = [_ms(request, text) for request in REPLY_REQUESTS]
    repeated = [_ms(request, text) for _ in range(5) for request in REPLY_REQUESTS]
    print(
        f"real reply of {len(text):,} chars: first calls max {max(first):.0f} ms; "
        f"median {statistics.median(first + repeated):.1f} ms over {len(first) + len(repeated)} calls"
    )


def _one_long_paragraph(size: int = 1_000_000) -> None:
    """Print how long ~1 MB of prose with no blank line (a pasted book, say) takes to split into sentences.

    pySBD's work grows with the square of a piece's sentences; the locator segments long pieces in chunks.
    """
    lines = [line.strip() for line in _document().splitlines()]
    prose = " ".join(line for line in lines if line[:1].isalpha() and not set(line) & set("{};=<>$`|#"))
    prose = " ".join([prose] * (size // len(prose) + 1))[:size].rsplit(". ", 1)[0] + "."
    started = time.perf_counter()
    count = len(segment(prose).sentences)
    seconds = time.perf_counter() - started
    print(f"one paragraph of {len(prose):,} chars: {count:,} sentences split in {seconds:.1f} s")


def main() -> None:
    """The deterministic locator's latency (a long paragraph too), then the embedding model's, then a real reply's."""
    with rules_only():
        _rules()
        _one_long_paragraph()
    _model()
    _replies()


if __name__ == "__main__":
    main()
