"""Character offsets <-> TextArea (row, column) locations, for selections and highlights.

TextArea splits its text with `str.splitlines()` and counts columns in code points. The editor
always holds `visible(text)` (see visible.py: the other boundaries splitlines knows are shown as
symbols, one code point for one), so its rows break at CRLF, LF and CR only, with an empty last
row after a final break; the table here splits the same way. Offsets are code-point offsets, identical in the
shown text and in the session document's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from canvas_tui.behaviours.base import Span

LINE_BREAK = re.compile("\r\n|[\n\r]")
"""The boundaries `str.splitlines()` splits a visible() text on (and therefore the rows of the editor)."""

Location = tuple[int, int]


class LineIndex:
    """The start and end offset of every line of one text, for O(log n) conversions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def location(self, offset: int) -> Location:
        """The (row, column) of a character offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        row = bisect_right(self.starts, offset) - 1
        return row, min(offset, self.ends[row]) - self.starts[row]

    def offset(self, location: Location) -> int:
        """The character offset of a (row, column) location (clamped to the line and the text)."""
        row = max(0, min(location[0], len(self.starts) - 1))
        return min(self.starts[row] + max(0, location[1]), self.ends[row])

    def span(self, start: Location, end: Location) -> Span:
        """The span between two locations, in either order."""
        first, second = sorted((self.offset(start), self.offset(end)))
        return Span(start=first, end=second)
