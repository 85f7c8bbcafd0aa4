"""Stopping a model that loops: a stream that starts repeating whole sentences or paragraphs is cut.

A small model asked for an essay often writes one good paragraph and then the same paragraph again
until the token limit. `RepetitionGuard` watches the text as it streams; as soon as a completed
paragraph, or a completed sentence of some length, equals an earlier one, it says so and where the
text should end (just before the repeat), so the caller stops the stream and keeps only what came before.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable

_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n")
_SENTENCE_OR_GAP = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n[ \t]*\n|\n(?=\s*(?:[-*+]|\d+[.)]|#)\s)")
MIN_SENTENCE = 40
"""Shorter sentences ("Thank you.", "Step 2.") may repeat in good text; longer ones do not."""
MIN_PARAGRAPH = 25


def _normal(text: str) -> str:
    return " ".join(text.split()).lower().strip(" #*-_>")


class _Units:
    """The complete pieces of one kind (paragraphs, or sentences) seen so far, read incrementally: each call
    looks only at text after the last complete piece, so a long stream costs linear time, not quadratic."""

    OVERLAP = 64
    """A separator found at the end of the text may still grow; the next search starts this far back."""

    def __init__(self, separator: re.Pattern[str], shortest: int) -> None:
        self.separator, self.shortest = separator, shortest
        self.seen: set[str] = set()
        self.position = 0
        self.searched = 0

    def first_repeat(self, text: str) -> int | None:
        """Where a complete piece equal to an earlier one starts, or None (the growing last piece is not compared)."""
        for match in self.separator.finditer(text, max(self.position, self.searched - self.OVERLAP)):
            if match.start() < self.position:
                continue
            piece = text[self.position : match.start()]
            if piece.strip():
                normal = _normal(piece)
                if len(normal) >= self.shortest and normal in self.seen:
                    return self.position
                self.seen.add(normal)
            self.position = match.end()
        self.searched = len(text)
        return None


class RepetitionGuard:
    """Feed it the growing text; `cut` becomes the length to keep once a whole unit repeats."""

    def __init__(self) -> None:
        self.text = ""
        self.cut: int | None = None
        self._kinds = [_Units(_PARAGRAPH_GAP, MIN_PARAGRAPH), _Units(_SENTENCE_OR_GAP, MIN_SENTENCE)]

    def feed(self, delta: str) -> bool:
        """Add streamed text; True once the text has started repeating (stop reading the stream)."""
        text, self.text = self.text, ""
        text += delta  # with `text` the only reference, CPython extends the string in place: linear, not quadratic
        self.text = text
        if self.cut is None and ("\n" in delta or any(mark in delta for mark in ".!?")):
            self.cut = self._first_repeat()
        return self.cut is not None

    @property
    def kept(self) -> str:
        """The text up to the first repeat (all of it when nothing repeated), without trailing spaces."""
        return self.text if self.cut is None else self.text[: self.cut].rstrip()

    def _first_repeat(self) -> int | None:
        """Where the first repeated complete paragraph or sentence starts (paragraphs first), or None."""
        for kind in self._kinds:
            found = kind.first_repeat(self.text)
            if found is not None:
                return found
        return None


async def guarded(
    stream: AsyncIterator[str], guard: RepetitionGuard, on_delta: Callable[[str], None] | None = None
) -> str:
    """Read `stream` until it ends or starts repeating; returns the text worth keeping."""
    async with contextlib.aclosing(stream):
        async for delta in stream:
            if on_delta is not None:
                on_delta(delta)
            if guard.feed(delta):
                break
    return guard.kept
