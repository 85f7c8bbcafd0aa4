"""Documents in other scripts anchor like English ones: their characters keep their identity in
the approximate search (the most frequent 127 get their own byte, the rest share one)."""

from __future__ import annotations

import random

from canvas_tui.behaviours.anchor import TextQuoteAnchorer

ANCHORER = TextQuoteAnchorer()


def _document(rng: random.Random, letters: str, words: int) -> str:
    """Five-letter words and no punctuation: only the letters tell one passage from another."""
    vocabulary = ["".join(rng.choice(letters) for _ in range(5)) for _ in range(400)]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def _words_from(text: str, at: int, length: int) -> tuple[int, int]:
    """The span of the whole words from after `at` over about `length` characters."""
    start = text.index(" ", at) + 1
    return start, text.index(" ", start + length)


def _with_typo(quote: str, at: int) -> str:
    return quote[:at] + quote[at + 1] + quote[at] + quote[at + 2 :]


def test_a_cyrillic_quote_with_a_typo_anchors_to_its_span() -> None:
    text = _document(random.Random(1), "абвгдежзиклмнопрстуфхцчшщыэюя", 3000)
    start, end = _words_from(text, 9000, 120)
    result = ANCHORER.anchor(text, _with_typo(text[start:end], 40))
    assert (result.span.start, result.span.end, result.method) == (start, end, "fuzzy")


def test_words_of_more_distinct_characters_than_bytes_anchor_a_quote_with_a_typo() -> None:
    han = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 2000))
    text = _document(random.Random(2), han, 4000)
    start, end = _words_from(text, 8000, 80)
    result = ANCHORER.anchor(text, _with_typo(text[start:end], 30))
    assert (result.span.start, result.span.end, result.method) == (start, end, "fuzzy")


def test_an_emoji_heavy_quote_with_a_typo_anchors() -> None:
    text = _document(random.Random(3), "abcdefghij\U0001f600\U0001f622\u00e9", 2000)
    start, end = _words_from(text, 5000, 100)
    result = ANCHORER.anchor(text, _with_typo(text[start:end], 30))
    assert (result.span.start, result.span.end) == (start, end)
