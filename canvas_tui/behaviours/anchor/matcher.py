"""Find a normalised quote in a normalised document: exact occurrences, then edit-distance ones.

Approximate search is semi-global edit distance (edlib, mode "HW": the whole query against any
substring of the document) with Myers' bit-parallel algorithm, bounded by a maximum distance,
so a 300-character quote scans a 1 MB document in a few milliseconds. Documents are prepared
(normalised and byte-encoded for edlib) once and cached, since several comments anchor to the
same document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import edlib
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from canvas_tui.behaviours.anchor.normalize import Normalized, normalize

_OTHER = 255
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """A found range `[start, end)` of the NORMALISED document and its edit distance."""

    start: int
    end: int
    distance: int


def _alphabet(codes: np.ndarray) -> dict[int, int]:
    """Byte codes for non-ASCII characters, most frequent first; the rest share `_OTHER`."""
    wide = codes[codes >= 128]
    if not len(wide):
        return {}
    values, counts = np.unique(wide, return_counts=True)
    ranked = values[np.argsort(-counts, kind="stable")][: _OTHER - 128]
    return {int(code): 128 + rank for rank, code in enumerate(ranked)}


def _encode(codes: np.ndarray, alphabet: dict[int, int]) -> bytes:
    """Code points as edlib bytes: ASCII as itself, others through `alphabet` (else `_OTHER`)."""
    out = np.where(codes < 128, codes, _OTHER).astype(np.uint8)
    if alphabet:
        keys = np.array(sorted(alphabet), dtype=np.uint32)
        values = np.array([alphabet[int(k)] for k in keys], dtype=np.uint8)
        wide = np.flatnonzero(codes >= 128)
        slot = np.minimum(np.searchsorted(keys, codes[wide]), len(keys) - 1)
        known = keys[slot] == codes[wide]
        out[wide[known]] = values[slot[known]]
    return out.tobytes()


@dataclass(frozen=True)
class WordGaps:
    """Word-level differences between a quote and its match: quote words `missing` from the match
    (typos included); of those, the `foreign` ones, which are no typo of any unmatched word of
    the match (a replaced word); and the unmatched words of the match that are no typo of any
    missing quote word: `dropped` by the quote. A typo pairs a missing word with an unmatched one."""

    missing: int
    foreign: int
    dropped: int


class PreparedDocument:
    """A document normalised once, with its byte encoding for edlib."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.norm: Normalized = normalize(text)
        codes = np.frombuffer(self.norm.text.encode("utf-32-le"), dtype=np.uint32)
        self._alphabet = _alphabet(codes)
        self.encoded = _encode(codes, self._alphabet)

    def encode(self, text: str) -> bytes:
        """Encode normalised text (a quote) with this document's alphabet."""
        return _encode(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), self._alphabet)

    def exact(self, query: str, start: int = 0, end: int | None = None, limit: int = 64) -> list[Match]:
        """Occurrences of `query` within `[start, end)` of the normalised text, in order."""
        found: list[Match] = []
        stop = len(self.norm.text) if end is None else end
        at = self.norm.text.find(query, start, stop)
        while at >= 0 and len(found) < limit:
            found.append(Match(at, at + len(query), 0))
            at = self.norm.text.find(query, at + 1, stop)
        return found

    def fuzzy(self, query: str, max_distance: int, start: int = 0, end: int | None = None) -> list[Match]:
        """Non-overlapping best-distance alignments of `query` within `[start, end)`, in order."""
        if not query or max_distance < 0:
            return []
        target = self.encoded[start:end]
        if not target:
            return []
        result = edlib.align(self.encode(query), target, mode="HW", task="locations", k=max_distance)
        if result["editDistance"] < 0:
            return []
        matches: list[Match] = []
        for first, last in result["locations"]:
            if matches and first + start < matches[-1].end:
                continue
            matches.append(Match(first + start, last + 1 + start, result["editDistance"]))
        return matches

    def _word_start(self, at: int) -> int:
        """`at` moved back to the start of the word it is inside (approximate edges drift)."""
        text = self.norm.text
        while at > 0 and text[at - 1].isalnum() and text[at].isalnum():
            at -= 1
        return at

    def _word_end(self, at: int) -> int:
        text = self.norm.text
        while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
            at += 1
        return at

    def word_gaps(self, query: str, match: Match) -> WordGaps:
        """How the words of `query` and of the matched region (widened to whole words) differ."""
        quote_words = _WORD.findall(query)
        region_words = _cut_like(quote_words, _WORD.findall(
            self.norm.text[self._word_start(match.start):self._word_end(match.end)]))
        missing = Counter(quote_words) - Counter(region_words)
        extra = Counter(region_words) - Counter(quote_words)
        return WordGaps(missing=sum(missing.values()), foreign=_far_from(missing, list(extra)),
                        dropped=_far_from(extra, list(missing)))


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
    """How many of `words` (with repeats) are no typo of any word of `others`: more than two
    edits away, or more than one when both words have at most three letters. Bare numbers do
    not count: list numbers and citation marks (`[12]`) come and go between renderings."""
    return sum(count for word, count in words.items() if not word.isdigit() and not _typo_of_any(word, others))


def _typo_of_any(word: str, others: list[str]) -> bool:
    near = process.extract(word, others, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=None)
    return any(distance <= (2 if max(len(word), len(other)) > 3 else 1) for other, distance, _ in near)


@lru_cache(maxsize=8)
def prepare(text: str) -> PreparedDocument:
    """The prepared form of a document, cached by its text."""
    return PreparedDocument(text)
