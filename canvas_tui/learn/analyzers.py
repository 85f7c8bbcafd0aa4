"""scikit-learn's `word` and `char_wb` analyzers, re-implemented for the settings a `TextBlock` records.

They follow `sklearn.feature_extraction.text` (1.5 to 1.9) step by step: the view (a custom `preprocessor`,
which replaces the lower-casing) or else `str.lower`, then the token pattern and word n-grams, or
whitespace-normalised, space-padded character n-grams inside words. Stop words and accent stripping are not
used by any behaviour, so they are not supported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from canvas_tui.learn.artifact import TextBlock

_WHITE_SPACES = re.compile(r"\s\s+")


def word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of `tokens`: all n-grams of the smallest n first, as scikit-learn orders them."""
    min_n, max_n = ngram_range
    if max_n == 1:
        return tokens
    grams = list(tokens) if min_n == 1 else []
    for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside words, each word padded with one space on both sides (a short word counted once)."""
    min_n, max_n = ngram_range
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(min_n, max_n + 1):
            grams += [padded[offset : offset + n] for offset in range(max(1, len(padded) - n + 1))]
            if len(padded) <= n:
                break
    return grams


def build_analyzer(block: TextBlock, view: Callable[[Any], str] | None) -> Callable[[Any], list[str]]:
    """The function from one input to its block's terms (with repeats), equal to the vectorizer's analyzer."""
    preprocess = view or (str.lower if block.lowercase else str)
    ngram_range = tuple(block.ngram_range)
    if block.analyzer == "char_wb":
        return lambda item: char_wb_ngrams(preprocess(item), ngram_range)
    pattern = re.compile(block.token_pattern)
    if pattern.groups > 1:
        raise ValueError(f"token pattern {block.token_pattern!r} has more than one capturing group")
    return lambda item: word_ngrams(pattern.findall(preprocess(item)), ngram_range)
