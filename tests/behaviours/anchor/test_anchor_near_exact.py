"""Long near-exact quotes anchor even when their one slip crosses a word boundary or the quote is cut
inside markdown; the faster seeded search finds exactly what the full edit-distance scan finds."""

from __future__ import annotations

import random

import edlib
import pytest

from canvas_tui.behaviours.anchor import TextQuoteAnchorer
from canvas_tui.behaviours.anchor.evalset import load_documents
from canvas_tui.behaviours.anchor.seeds import best_alignments
from canvas_tui.behaviours.base import Span

ANCHORER = TextQuoteAnchorer()


def swap(text: str, at: int) -> str:
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


@pytest.fixture(scope="module")
def document() -> str:
    return "\n\n".join(text for _, text in sorted(load_documents().items()))


def test_a_swap_that_moves_a_space_still_anchors_the_passage():
    text = "Intro.\n\n" + "The cat sat on the warm mat while the rain kept falling on the old tin roof outside. " * 3
    text += "\n\nThe dog slept."
    start = text.index("The cat")
    quote = text[start : start + 84].replace("the warm", "th ewarm")
    assert ANCHORER.anchor(text, quote).span.iou(Span(start=start, end=start + 84)) >= 0.5


def test_twenty_long_quotes_from_anywhere_each_with_one_adjacent_swap_all_anchor(document):
    rng = random.Random(17)
    spans = []
    while len(spans) < 20:
        at = rng.randrange(0, len(document) - 300)
        piece = document[at : at + 300]
        if piece == piece.strip() and document.count(piece) == 1:
            spaces = [i for i in range(1, 298) if (piece[i] == " ") != (piece[i + 1] == " ")]
            others = [i for i in range(1, 298) if piece[i] != piece[i + 1]]
            spans.append((swap(piece, rng.choice(spaces if len(spans) % 2 and spaces else others)), at))
    missed = [
        quote
        for quote, at in spans
        if not ((found := ANCHORER.anchor(document, quote).span) and found.iou(Span(start=at, end=at + 300)) >= 0.5)
    ]
    assert missed == []


def test_a_quote_cut_inside_a_link_with_a_slip_anchors_to_its_characters():
    text = "# Links\n\nRead [the guide](https://example.com/guide/setting-up) before you start, and ask in the forum."
    start = text.index("guide/setting")
    quote = swap(text[start:], 20)
    assert ANCHORER.anchor(text, quote).span == Span(start=start, end=len(text))


def test_absent_and_paraphrased_long_quotes_anchor_nowhere(document):
    rng = random.Random(5)
    for _ in range(10):
        at = document.find(" ", rng.randrange(0, len(document) - 600)) + 1
        words = document[at : at + 300].split(" ")
        paraphrase = " ".join("thing" if i % 5 == 2 else word for i, word in enumerate(words))
        shuffled = list(words)
        rng.shuffle(shuffled)
        assert ANCHORER.anchor(document, paraphrase).span is None
        assert ANCHORER.anchor(document, " ".join(shuffled)).span is None


def test_a_short_quote_with_a_slip_is_not_taken_character_for_character():
    text = "Ship it <b>now</b> or never, said the team lead at the standup."
    assert ANCHORER.anchor(text, "it <b>nwo</b> or").span is None


def test_the_seeded_search_returns_what_the_full_scan_returns(document):
    rng = random.Random(3)
    text = (document * 3).encode("ascii", "replace")  # every passage three times: several best locations
    for trial in range(60):
        at, length = rng.randrange(0, len(text) - 400), rng.choice([20, 40, 120, 300])
        query = bytearray(text[at : at + length])
        for _ in range(rng.choice([0, 1, 2, 3, 6, 12])):
            query[rng.randrange(len(query))] = rng.choice(b"abcdefghij ")
        limit = rng.choice([2, 8, length // 4])
        full = edlib.align(bytes(query), text, mode="HW", task="locations", k=limit)
        expected = (full["editDistance"], sorted(full["locations"]) if full["editDistance"] >= 0 else [])
        distance, locations = best_alignments(bytes(query), text, limit)
        assert (distance, sorted(locations) if distance >= 0 else []) == expected, trial
