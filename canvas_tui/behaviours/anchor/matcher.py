"""Find a normalised quote in a normalised document: exact occurrences, then edit-distance ones.

Approximate search is semi-global edit distance (edlib, mode "HW": the whole query against any
substring of the document) with Myers' bit-parallel algorithm, bounded by a maximum distance,
so a 300-character quote scans a 1 MB document in a few milliseconds; a near-exact quote is found
faster from exact seeds (`seeds.py`), with the same result. Documents are prepared
(normalised and byte-encoded for edlib) once and cached, since several comments anchor to the
same document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from canvas_tui.behaviours.anchor.normalize import codes_at, non_ascii, normalize
from canvas_tui.behaviours.anchor.offsets import Normalized
from canvas_tui.behaviours.anchor.seeds import best_alignments
from canvas_tui.behaviours.anchor.words import WordGaps, word_gaps

_OTHER = 255
_PLANE = 0x10000  # code points below: looked up in a table; above (emoji...): one by one


@dataclass(frozen=True)
class Match:
    """A found range `[start, end)` of the NORMALISED document and its edit distance."""

    start: int
    end: int
    distance: int


def _alphabet(codes: np.ndarray) -> dict[int, int]:
    """Byte codes for non-ASCII code points, most frequent first; the rest share `_OTHER`."""
    if not len(codes):
        return {}
    values, counts = np.unique(codes, return_counts=True)
    ranked = values[np.argsort(-counts, kind="stable")][: _OTHER - 128]
    return {int(code): 128 + rank for rank, code in enumerate(ranked)}


@dataclass(frozen=True)
class _Split:
    """A text as one byte per character (ASCII as itself) and its non-ASCII characters."""

    one_byte: bytes
    wide_at: np.ndarray
    wide_codes: np.ndarray

    @classmethod
    def of(cls, text: str) -> _Split:
        """Split `text` (no scan for non-ASCII characters when there are none)."""
        ascii_text = text.encode("ascii", "replace")
        if text.isascii():
            return cls(ascii_text, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32))
        return cls(ascii_text, *non_ascii(text, ascii_text))

    @classmethod
    def of_normalized(cls, norm: Normalized) -> _Split:
        """Split a normalised text, whose bytes >= 128 already mark its non-ASCII characters."""
        wide = np.flatnonzero(np.frombuffer(norm.one_byte, dtype=np.uint8) >= 128)
        return cls(norm.one_byte, wide, codes_at(norm.text, wide))

    def encode(self, alphabet: dict[int, int]) -> bytes:
        """Edlib bytes: ASCII as itself, others through `alphabet` (else `_OTHER`)."""
        if not len(self.wide_at):
            return self.one_byte
        out = np.frombuffer(bytearray(self.one_byte), dtype=np.uint8)
        plane = self.wide_codes < _PLANE
        table = np.full(_PLANE, _OTHER, dtype=np.uint8)
        table[[code for code in alphabet if code < _PLANE]] = [byte for code, byte in alphabet.items() if code < _PLANE]
        out[self.wide_at[plane]] = table[self.wide_codes[plane]]
        beyond = np.flatnonzero(~plane)
        out[self.wide_at[beyond]] = [alphabet.get(code, _OTHER) for code in self.wide_codes[beyond].tolist()]
        return out.tobytes()


class PreparedDocument:
    """A document normalised once, with its byte encoding for edlib."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.norm: Normalized = normalize(text)
        split = _Split.of_normalized(self.norm)
        self._alphabet = _alphabet(split.wide_codes)
        self.encoded = split.encode(self._alphabet)

    @cached_property
    def raw_encoded(self) -> bytes:
        """The original text encoded with the same alphabet (for a quote matched character for character)."""
        return _Split.of(self.raw).encode(self._alphabet)

    def encode(self, text: str) -> bytes:
        """Encode normalised text (a quote) with this document's alphabet."""
        return _Split.of(text).encode(self._alphabet)

    def exact(self, query: str, start: int = 0, end: int | None = None, limit: int = 64) -> list[Match]:
        """Occurrences of `query` within `[start, end)` of the normalised text, in order."""
        found: list[Match] = []
        stop = len(self.norm.text) if end is None else end
        if self.encoded.find(self.encode(query), start, stop) < 0:  # bytes search is faster; equal text encodes equally
            return found
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
        distance, locations = best_alignments(self.encode(query), target, max_distance)
        if distance < 0:
            return []
        matches: list[Match] = []
        for first, last in locations:
            if matches and first + start < matches[-1].end:
                continue
            matches.append(Match(first + start, last + 1 + start, distance))
        return matches

    def _word_start(self, at: int) -> int:
        """`at` moved back to the start of the word it is inside (approximate edges drift)."""
        text = self.norm.text
        while at > 0 and text[at - 1].isalnum() and text[at].isalnum():
            at -= 1
        return at

    def _word_end(self, at: int) -> int:
        """`at` moved forward to the end of the word it is inside."""
        text = self.norm.text
        while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
            at += 1
        return at

    def word_gaps(self, query: str, match: Match) -> WordGaps:
        """How the words of `query` and of the matched region (widened to whole words) differ."""
        return word_gaps(query, self.norm.text[self._word_start(match.start) : self._word_end(match.end)])


@lru_cache(maxsize=8)
def prepare(text: str) -> PreparedDocument:
    """The prepared form of a document, cached by its text."""
    return PreparedDocument(text)
