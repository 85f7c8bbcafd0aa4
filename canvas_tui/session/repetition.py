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


class RepetitionGuard:
    """Feed it the growing text; `cut` becomes the length to keep once a whole unit repeats."""

    def __init__(self) -> None:
        self.text = ""
        self.cut: int | None = None
        self._checked = 0

    def feed(self, delta: str) -> bool:
        """Add streamed text; True once the text has started repeating (stop reading the stream)."""
        self.text += delta
        if self.cut is None and ("\n" in delta or any(mark in delta for mark in ".!?")):
            self.cut = self._first_repeat()
        return self.cut is not None

    @property
    def kept(self) -> str:
        """The text up to the first repeat (all of it when nothing repeated), without trailing spaces."""
        return self.text if self.cut is None else self.text[:self.cut].rstrip()

    def _first_repeat(self) -> int | None:
        """Where the first repeated complete paragraph or sentence starts, or None (the last piece of each
        kind may still be growing, so it is not compared)."""
        for separator, shortest in ((_PARAGRAPH_GAP, MIN_PARAGRAPH), (_SENTENCE_OR_GAP, MIN_SENTENCE)):
            seen: set[str] = set()
            for start, end in _units(self.text, separator)[:-1]:
                piece = _normal(self.text[start:end])
                if len(piece) >= shortest and piece in seen:
                    return start
                seen.add(piece)
        return None


def _units(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) of each piece of `text` between separators (the last piece may be incomplete)."""
    spans, position = [], 0
    for match in separator.finditer(text):
        if text[position:match.start()].strip():
            spans.append((position, match.start()))
        position = match.end()
    if text[position:].strip():
        spans.append((position, len(text)))
    return spans


async def guarded(stream: AsyncIterator[str], guard: RepetitionGuard,
                  on_delta: Callable[[str], None] | None = None) -> str:
    """Read `stream` until it ends or starts repeating; returns the text worth keeping."""
    async with contextlib.aclosing(stream):
        async for delta in stream:
            if on_delta is not None:
                on_delta(delta)
            if guard.feed(delta):
                break
    return guard.kept
