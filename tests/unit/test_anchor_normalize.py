"""Normalisation keeps an offset map, so every anchored span indexes the ORIGINAL text."""

from __future__ import annotations

import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from canvas_tui.behaviours.anchor import TextQuoteAnchorer
from canvas_tui.behaviours.anchor.normalize import normalize
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
    assert matchable(text[result.span.start:result.span.end]) == matchable(quote)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6), min_size=1, max_size=40),
       st.data())
def test_in_plain_lowercase_prose_an_exact_substring_anchors_to_its_first_occurrence(words, data) -> None:
    text = " ".join(words) + "."
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    quote = " ".join(words[first:last + 1])
    result = ANCHORER.anchor(text, quote)
    at = text.find(quote)
    assert (result.span.start, result.span.end) == (at, at + len(quote))
    assert result.ambiguous == (text.find(quote, at + 1) >= 0)


def test_offsets_survive_markup_case_and_wide_characters() -> None:
    text = "\U0001F600 **Straße** \u2014 the [café](https://x.example) is  OPEN"
    result = ANCHORER.anchor(text, "strasse - the cafe is open")
    assert result.span is not None
    assert text[result.span.start:result.span.end] == "**Straße** \u2014 the [café](https://x.example) is  OPEN"


def test_elision_marks_split_a_quote_and_a_final_one_means_it_trails_off() -> None:
    assert parse_quote("head words [...] tail words").parts == ("head words", "tail words")
    assert parse_quote("cut short\u2026").trails_off
    assert parse_quote('"cut short..."').trails_off
    assert not parse_quote("\u2026 starts late").trails_off
