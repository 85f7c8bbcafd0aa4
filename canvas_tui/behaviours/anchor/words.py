"""Word-level comparison of a quote with the text it was matched to.

Character edit distance cannot tell two typos from a replaced word: both cost a few edits.
Words can: a typo pairs a quote word with the document word it misspells, a synonym or a
paraphrase leaves quote words and document words that pair with nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class WordGaps:
    """Word-level differences between a quote and its match: quote words `missing` from the match
    (typos included); of those, the `foreign` ones, which are no typo of any unmatched word of
    the match (a replaced word); and the unmatched words of the match that are no typo of any
    missing quote word: `dropped` by the quote. A typo pairs a missing word with an unmatched one."""

    missing: int
    foreign: int
    dropped: int


def word_gaps(query: str, region: str) -> WordGaps:
    """How the words of a normalised quote and of the normalised text it matched differ."""
    quote_words = _WORD.findall(query)
    region_words = _cut_like(quote_words, _WORD.findall(region))
    missing = Counter(quote_words) - Counter(region_words)
    extra = Counter(region_words) - Counter(quote_words)
    return WordGaps(
        missing=sum(missing.values()), foreign=_far_from(missing, list(extra)), dropped=_far_from(extra, list(missing))
    )


def _cut_like(quote_words: list[str], region_words: list[str]) -> list[str]:
    """The region's words, with its edge words cut the way the quote cut them (a quote may start
    or stop inside a word: `...ing the plan` or `the plan was sim`)."""
    if not quote_words or not region_words:
        return region_words
    words = list(region_words)
    if words[0] != quote_words[0] and words[0].endswith(quote_words[0]):
        words[0] = quote_words[0]
    if words[-1] != quote_words[-1] and words[-1].startswith(quote_words[-1]):
        words[-1] = quote_words[-1]
    return words


def _far_from(words: Counter[str], others: list[str]) -> int:
    """How many of `words` (with repeats) are no typo of any word of `others`. Bare numbers do
    not count: list numbers and citation marks (`[12]`) come and go between renderings."""
    return sum(count for word, count in words.items() if not word.isdigit() and not _typo_of_any(word, others))


def _typo_of_any(word: str, others: list[str]) -> bool:
    """Whether `word` is a typo of one of `others`: two edits away (Damerau), one when both have
    at most three letters, or one of the two inside the other (a lost or added space or hyphen:
    `downis` / `down is`, `email` / `e-mail`)."""
    if any(word in other or other in word for other in others):
        return True
    near = process.extract(word, others, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=None)
    return any(distance <= (2 if max(len(word), len(other)) > 3 else 1) for other, distance, _ in near)
