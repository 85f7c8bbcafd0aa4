"""Anchoring speed: a 300-character perturbed quote in a 1 MB document, against difflib windows.

    .venv/bin/python bench/bench_anchor.py

Builds a seeded 1 MB document from the anchor eval documents (paragraphs with their words
shuffled, so the target passage is unique), plants a real passage in the middle, and times:
- the text-quote anchorer, cold (document normalised in the call) and warm (document cached,
  as when several comments anchor to one document), for exact, perturbed, elided and absent
  quotes;
- the difflib window baseline (ratio >= 0.85) on the perturbed quote, on a 32 KB slice that
  contains the passage, extrapolated per document character to 1 MB (it is far too slow to
  run on 1 MB: hours).
"""

from __future__ import annotations

import random
import re
import statistics
import time

from canvas_tui.behaviours.anchor import TextQuoteAnchorer, textops
from canvas_tui.behaviours.anchor.baselines import DifflibWindowAnchorer
from canvas_tui.behaviours.anchor.evalset import load_documents
from canvas_tui.behaviours.anchor.matcher import prepare

SIZE = 1_000_000
SLICE = 32_000
SEED = 11


def build_document(rng: random.Random) -> tuple[str, str]:
    """(a ~1 MB document, the real passage planted at its middle)."""
    texts = list(load_documents().values())
    paragraphs = [p for t in texts for p in t.split("\n\n") if len(p) > 80]
    passage = next(p for p in paragraphs if len(p) > 400 and not re.search(r"[\[\]()*_<>#|`]", p))
    filler: list[str] = []
    while sum(map(len, filler)) < SIZE:
        words = rng.choice(paragraphs).split(" ")
        rng.shuffle(words)
        filler.append(" ".join(words))
    middle = len(filler) // 2
    return "\n\n".join(filler[:middle] + [passage] + filler[middle:]), passage


def quotes(rng: random.Random, passage: str) -> dict[str, str]:
    """The quotes to time: 300 characters of the passage, as is and perturbed (typos and blanks,
    not case, so that the case-sensitive difflib baseline can find it too)."""
    exact = passage[:300]
    perturbed = textops.add_typos(rng, textops.change_whitespace(rng, exact))
    words = exact.split()
    return {"exact": exact, "perturbed": perturbed,
            "elided": " ".join(words[:6]) + " ... " + " ".join(words[-6:]),
            "absent": "Quarterly revenue for the lighthouse keepers' union rose sharply after the merger " * 4}


def median_ms(call, runs: int) -> tuple[float, float]:
    """Median (wall, CPU) time of `call()` in milliseconds; CPU time is what this process used,
    so it stays honest on a machine shared with other jobs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return 1000 * statistics.median(walls), 1000 * statistics.median(cpus)


def cold(anchorer: TextQuoteAnchorer, document: str, quote: str) -> None:
    prepare.cache_clear()
    anchorer.anchor(document, quote)


def main() -> None:
    """Print the figures."""
    rng = random.Random(SEED)
    document, passage = build_document(rng)
    anchorer = TextQuoteAnchorer()
    cases = quotes(rng, passage)
    print(f"document: {len(document):,} chars; quote: {len(cases['perturbed'])} chars (perturbed)")
    for name, quote in cases.items():
        result = anchorer.anchor(document, quote)
        warm = median_ms(lambda q=quote: anchorer.anchor(document, q), 21)
        first = median_ms(lambda q=quote: cold(anchorer, document, q), 5)
        print(f"text-quote {name:9s}: warm {warm[0]:6.2f} ms (cpu {warm[1]:6.2f}), "
              f"cold {first[0]:6.2f} ms (cpu {first[1]:6.2f})  "
              f"method={result.method}, span={'yes' if result.span else 'none'}")
    at = document.index(passage)
    piece = document[max(0, at - SLICE // 2):at + SLICE // 2]
    baseline = DifflibWindowAnchorer()
    found = baseline.anchor(piece, cases["perturbed"])
    small = median_ms(lambda: baseline.anchor(piece, cases["perturbed"]), 3)[1]
    per_mb = small * len(document) / len(piece)
    warm = median_ms(lambda: anchorer.anchor(document, cases["perturbed"]), 21)[1]
    first = median_ms(lambda: cold(anchorer, document, cases["perturbed"]), 5)[1]
    print(f"difflib-window perturbed: cpu {small:.1f} ms on {len(piece):,} chars (span={'yes' if found.span else 'none'}), "
          f"extrapolated per char to {len(document):,} chars: {per_mb / 1000:.1f} s (not run on 1 MB: too slow)")
    print(f"speed-up on the perturbed quote, 1 MB, cpu time: {per_mb / warm:,.0f}x warm, {per_mb / first:,.0f}x cold")


if __name__ == "__main__":
    main()
