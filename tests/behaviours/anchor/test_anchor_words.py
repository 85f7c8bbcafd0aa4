"""Word gaps: what tells a misspelt quote (anchor it) from a reworded one (do not)."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.anchor.words import WordGaps, word_gaps

TEXT = "writing things down is one of the most important things you can do"


@pytest.mark.parametrize(
    ("quote", "gaps"),
    [
        (TEXT, WordGaps(missing=0, foreign=0, dropped=0)),
        ("writing thigns down is one of the most improtant things you can do", WordGaps(2, 0, 0)),
        ("writing things downis one of the most important things you can do", WordGaps(1, 0, 0)),
        ("writing things down is one of the most crucial things you can do", WordGaps(1, 1, 1)),
        ("writing things down is one of the important things you can do", WordGaps(0, 0, 1)),
    ],
)
def test_typos_pair_up_and_replaced_or_left_out_words_do_not(quote, gaps) -> None:
    assert word_gaps(quote, TEXT) == gaps


def test_a_quote_may_start_and_stop_inside_a_word() -> None:
    assert word_gaps("ing things down is one of the most important things you c", TEXT[:-3]) == WordGaps(0, 0, 0)


def test_bare_numbers_neither_go_missing_nor_get_dropped() -> None:
    assert word_gaps("the study 3 found fewer cases", "the study found fewer cases 12") == WordGaps(1, 0, 0)
