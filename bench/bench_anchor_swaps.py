"""Anchoring near-exact long quotes against rapidfuzz: 20 quotes of ~300 characters, each with two
adjacent characters swapped (some swaps move a space: "the cat" -> "th ecat"), in a 1 MB document.

    .venv/bin/python bench/bench_anchor_swaps.py

For the text-quote anchorer and for rapidfuzz's `fuzz.partial_ratio_alignment` (the alignment of
the quote with the best-matching window of the document), prints how many of the 20 quotes each
anchors to their passage (IoU >= 0.5 with the true span) and the median per-quote CPU and wall
time in the same run. The anchorer is timed warm (the document prepared once, as when comments
anchor to an open document) and cold (the document's preparation in the call, as in a batch whose
every line brings its own document). Also prints the anchorer's false anchors on absent and
paraphrased quotes of the same length (there must be none).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from bench_anchor import build_document, eval_paragraphs, new_document, new_quote, plain_passage
from rapidfuzz import fuzz

from canvas_tui.behaviours.anchor import TextQuoteAnchorer
from canvas_tui.behaviours.base import Span

SIZE = 1_000_000
QUOTES = 20
LENGTH = 300
SEED = 17
MIN_IOU = 0.5


def swapped(rng: random.Random, text: str, move_space: bool) -> str:
    """`text` with two adjacent characters (neither at an edge) swapped: a space and its neighbour
    ("the cat" -> "th ecat") if `move_space`, else two other different characters."""
    spaces = [i for i in range(1, len(text) - 2) if (text[i] == " ") != (text[i + 1] == " ")]
    others = [i for i in range(1, len(text) - 2) if text[i] != text[i + 1] and " " not in text[i : i + 2]]
    at = rng.choice(spaces if move_space and spaces else others)
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def cases(rng: random.Random, document: str) -> list[tuple[str, Span]]:
    """`QUOTES` passages of `LENGTH` characters from anywhere (markdown and all, as a model copies them),
    each with one swap (every other one moving a space), and their true spans."""
    found = []
    while len(found) < QUOTES:
        at = rng.randrange(0, len(document) - LENGTH)
        piece = document[at : at + LENGTH]
        if piece != piece.strip() or document.count(piece) != 1:
            continue
        found.append((swapped(rng, piece, move_space=len(found) % 2 == 1), Span(start=at, end=at + LENGTH)))
    return found


def timed(call: Callable[[], Span | None], setup: Callable[[], object]) -> tuple[Span | None, float, float]:
    """(result, CPU ms, wall ms) of one call, after an untimed `setup()`."""
    setup()
    wall, cpu = time.perf_counter(), time.process_time()
    span = call()
    return span, 1000 * (time.process_time() - cpu), 1000 * (time.perf_counter() - wall)


def anchorer_span(anchorer: TextQuoteAnchorer, document: str, quote: str) -> Span | None:
    """The anchorer's span for `quote`, or None."""
    return anchorer.anchor(document, quote).span


def rapidfuzz_span(document: str, quote: str) -> Span | None:
    """rapidfuzz's best window for `quote` (its alignment in the document)."""
    found = fuzz.partial_ratio_alignment(quote, document)
    return Span(start=found.dest_start, end=found.dest_end) if found else None


def report(name: str, runs: list[tuple[Span | None, float, float]], truth: list[Span]) -> None:
    """Print hits out of the quotes and the median CPU and wall milliseconds per quote."""
    hits = sum(span is not None and span.iou(gold) >= MIN_IOU for (span, _, _), gold in zip(runs, truth))
    cpu = statistics.median(r[1] for r in runs)
    wall = statistics.median(r[2] for r in runs)
    print(f"{name:28s}: {hits:2d}/{len(truth)} anchored, median {cpu:7.2f} ms cpu {wall:7.2f} ms wall per quote")


def false_anchors(anchorer: TextQuoteAnchorer, rng: random.Random, document: str, paragraphs: list[str]) -> None:
    """Absent quotes (sentences from the eval documents with their words shuffled) and paraphrases
    (every fifth word of a real passage replaced): the anchorer must anchor none."""
    absent, paraphrased = [], []
    for _ in range(QUOTES):
        words = rng.choice(paragraphs).split()
        rng.shuffle(words)
        absent.append(" ".join(words)[:LENGTH])
        at = document.find(" ", rng.randrange(0, len(document) - 2 * LENGTH)) + 1
        real = document[at : at + LENGTH].split(" ")
        paraphrased.append(" ".join("thing" if i % 5 == 2 else w for i, w in enumerate(real)))
    wrong = sum(anchorer.anchor(document, quote).span is not None for quote in absent + paraphrased)
    print(f"false anchors on {2 * QUOTES} absent or paraphrased quotes: {wrong}")


def main() -> None:
    """Print the figures."""
    rng = random.Random(SEED)
    paragraphs = eval_paragraphs()
    document = build_document(rng, SIZE, paragraphs, plain_passage(paragraphs))
    quotes = cases(rng, document)
    truth = [span for _, span in quotes]
    anchorer = TextQuoteAnchorer()
    anchorer.anchor(document, "warm up")
    print(
        f"document: {len(document):,} chars; {QUOTES} quotes of {LENGTH} chars from anywhere in it, one adjacent "
        "swap each (every other one moves a space)"
    )
    report(
        "text-quote anchorer, warm",
        [timed(lambda q=q: anchorer_span(anchorer, document, q), new_quote) for q, _ in quotes],
        truth,
    )
    report(
        "text-quote anchorer, cold",
        [timed(lambda q=q: anchorer_span(anchorer, document, q), new_document) for q, _ in quotes],
        truth,
    )
    report(
        "rapidfuzz partial_ratio_alignment",
        [timed(lambda q=q: rapidfuzz_span(document, q), lambda: None) for q, _ in quotes],
        truth,
    )
    false_anchors(anchorer, rng, document, paragraphs)


if __name__ == "__main__":
    main()
