"""Normalised text and its offset map back to the original text.

The map is one flag per ORIGINAL character (set when it has a normalised character; the
normalised characters are the flagged ones, in order) plus, built on first use, the count of
flags before each block of 4096. A 1 MB document's map is 1 MB of flags instead of an 8 MB
array of indices, which cost more to allocate than the rest of the normalisation; lookups are
few (the edges of a match), and each reads at most one block.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

BLOCK = 4096


class Normalized:
    """Normalised `text`; `kept`: which original characters it is made of, in order; and
    `one_byte`: the text as one byte per character, ASCII as itself, any other as a byte >= 128."""

    def __init__(self, text: str, kept: np.ndarray, one_byte: bytes) -> None:
        self.text = text
        self.kept = kept
        self.one_byte = one_byte

    @cached_property
    def _before(self) -> np.ndarray:
        """Normalised characters before each block, and in all (last element)."""
        if not len(self.kept):
            return np.zeros(1, dtype=np.int64)
        counts = np.add.reduceat(self.kept.view(np.uint8), np.arange(0, len(self.kept), BLOCK), dtype=np.int64)
        return np.concatenate(([0], np.cumsum(counts)))

    def origin(self, index: int) -> int:
        """The index in the original text of normalised character `index`."""
        block = int(np.searchsorted(self._before, index, side="right")) - 1
        start = block * BLOCK
        return start + int(np.flatnonzero(self.kept[start : start + BLOCK])[index - self._before[block]])

    def count_before(self, at: int) -> int:
        """How many normalised characters come from original characters before index `at`."""
        block = at // BLOCK
        return int(self._before[block]) + int(np.count_nonzero(self.kept[block * BLOCK : at]))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised range `[start, end)` (non-empty) to a range of the original text."""
        return self.origin(start), self.origin(end - 1) + 1
