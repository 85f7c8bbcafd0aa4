"""Normalisation keeps an offset map, so every anchored span indexes the ORIGINAL text."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from canvas_tui.behaviours.anchor import TextQuoteAnchorer
from canvas_tui.behaviours.anchor.markup import entities, markup_positions
from canvas_tui.behaviours.anchor.normalize import fold_char, normalize
from canvas_tui.behaviours.anchor.quote import matchable, parse_quote

ANCHORER = TextQuoteAnchorer()
# Any characters but markdown/HTML syntax (which is deliberately dropped) and surrogates.
NO_MARKUP = st.characters(blacklist_characters="*_`~[]<>#|\\!", blacklist_categories=("Cs",))
PLAIN = st.text(alphabet=NO_MARKUP, max_size=300)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_each_normalised_character_comes_from_its_own_original_character_in_order(text) -> None:
    norm = normalize(text)
    origins = [norm.origin(i) for i in range(len(norm.text))]
    assert origins == sorted(set(origins))
    assert all(0 <= i < len(text) for i in origins)
    assert [norm.count_before(at) for at in origins] == list(range(len(norm.text)))


def test_offsets_stay_exact_across_a_document_many_blocks_long() -> None:
    piece = "A **bold** claim ,  see [the docs](https://x.example) &amp; more\u2026\n\n- item -- \u00e9t\u00e9 \n"
    text = "".join(f"{n} {piece}" for n in range(400))
    norm = normalize(text)
    origins = [norm.origin(i) for i in range(len(norm.text))]
    assert origins == sorted(set(origins)) and origins[-1] < len(text)
    assert [norm.count_before(at) for at in origins] == list(range(len(norm.text)))
    assert norm.count_before(len(text)) == len(norm.text)
    last = norm.text.rindex("bold")
    assert text[slice(*norm.original_span(last, last + 4))] == "bold"


@settings(deadline=None)
@given(PLAIN)
@example("\u0e01\u0e33")  # Thai SARA AM decomposes to a mark of combining class 0 and a vowel
def test_normalisation_of_text_without_markup_is_idempotent(text) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(PLAIN, st.data())
def test_any_exact_substring_anchors_at_or_before_its_first_occurrence_with_the_same_text(text, data) -> None:
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    end = data.draw(st.integers(start + 1, max(start + 1, len(text))))
    quote = text[start:end]
    assume(quote and quote[0].isalnum() and quote[-1].isalnum())
    result = ANCHORER.anchor(text, quote)
    assert result.span is not None
    assert result.span.start <= text.find(quote)
    assert matchable(text[result.span.start : result.span.end]) == matchable(quote)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6), min_size=1, max_size=40), st.data())
def test_in_plain_lowercase_prose_an_exact_substring_anchors_to_its_first_occurrence(words, data) -> None:
    text = " ".join(words) + "."
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    quote = " ".join(words[first : last + 1])
    result = ANCHORER.anchor(text, quote)
    at = text.find(quote)
    assert (result.span.start, result.span.end) == (at, at + len(quote))
    assert result.ambiguous == (text.find(quote, at + 1) >= 0)


def test_offsets_survive_markup_case_and_wide_characters() -> None:
    text = "\U0001f600 **Straße** \u2014 the [café](https://x.example) is  OPEN"
    result = ANCHORER.anchor(text, "strasse - the cafe is open")
    assert result.span is not None
    assert text[result.span.start : result.span.end] == "**Straße** \u2014 the [café](https://x.example) is  OPEN"


def test_elision_marks_split_a_quote_and_a_final_one_means_it_trails_off() -> None:
    assert parse_quote("head words [...] tail words").parts == ("head words", "tail words")
    assert parse_quote("cut short\u2026").trails_off
    assert parse_quote('"cut short..."').trails_off
    assert not parse_quote("\u2026 starts late").trails_off


def _one_at_a_time(text: str) -> tuple[str, list[int]]:
    """The normalisation rules applied one character at a time: slow and obvious, for comparison."""
    ascii_text = text.encode("ascii", "replace")
    found = entities(ascii_text)
    read_as = {at: char for at, _end, char in found}
    hidden = set(markup_positions(ascii_text, found).tolist())
    seq = []
    for at, char in enumerate(text):
        char = read_as.get(at, char)
        code = ord(char) if ord(char) > 0xFFFF or 0xD800 <= ord(char) < 0xE000 else fold_char(char)
        if at not in hidden and code:
            seq.append((chr(code), at))
    seq = [item for i, item in enumerate(seq) if not (item[0] == " " and i and seq[i - 1][0] == " ")]

    def punct(i: int) -> bool:
        return not 0 <= i < len(seq) or _is_punctuation(seq[i][0])

    seq = [item for i, item in enumerate(seq) if not (item[0] == " " and (punct(i - 1) or punct(i + 1)))]
    seq = [item for i, item in enumerate(seq) if not (item[0] in ".-'" and i and seq[i - 1][0] == item[0])]
    return "".join(char for char, _at in seq), [at for _char, at in seq]


def _is_punctuation(char: str) -> bool:
    return ord(char) <= 0xFFFF and not char.isalnum() and not char.isspace()


ASCII_PIECES = [
    "a",
    "Z",
    " ",
    "  ",
    "\n",
    "\t",
    ".",
    "...",
    "-",
    "--",
    "'",
    '"',
    ",",
    "?",
    "*",
    "_",
    "`",
    "[",
    "](u)",
    "<b>",
    "\\*",
    "&amp;",
    "\n- ",
    "\n1. ",
    "\n# ",
    "|",
]
OTHER_PIECES = [
    "é",
    "ß",
    "ж",
    "\U0001f600",
    "\u00a0",
    "\u2014",
    "\u2019",
    "\u2026",
    "&mdash;",
    "&#128512;",
    "\u200b",
    "\u0301",
    "\ud800",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ASCII_PIECES + OTHER_PIECES), max_size=80).map("".join))
def test_the_vectorised_normaliser_equals_the_rules_applied_one_character_at_a_time(text) -> None:
    norm = normalize(text)
    assert (norm.text, [norm.origin(i) for i in range(len(norm.text))]) == _one_at_a_time(text)


@pytest.mark.parametrize("seed", range(8))
def test_long_mostly_ascii_texts_normalise_as_one_character_at_a_time(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(OTHER_PIECES if rng.random() < 0.005 else ASCII_PIECES) for _ in range(6000))
    norm = normalize(text)
    assert (norm.text, [norm.origin(i) for i in range(len(norm.text))]) == _one_at_a_time(text)
