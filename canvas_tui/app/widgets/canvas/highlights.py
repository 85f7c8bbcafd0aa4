"""The one place that touches TextArea's private highlight map: extra highlights over character spans.

TextArea keeps `_highlights[row] = [(start_byte, end_byte | None, name)]` and rebuilds it from
the syntax tree after every edit; names are styled through its theme's `syntax_styles`. This
subclass re-adds its own spans after each rebuild and adds their styles to whichever theme is set.
"""

from __future__ import annotations

import dataclasses

from rich.style import Style
from textual.widgets import TextArea

from canvas_tui.app.offsets import LineIndex

SPAN_STYLES = {
    "canvas.comment": Style(bgcolor="#5f5f00", underline=True),
    "canvas.comment.current": Style(bgcolor="#af8700", color="black", bold=True),
    "canvas.target": Style(bgcolor="#005f87"),
}


class SpanHighlightArea(TextArea):
    """A TextArea that can highlight named sets of character spans (comments, the target of an edit)."""

    def __init__(self, *args, **kwargs) -> None:
        self._span_sets: dict[str, list[tuple[int, int]]] = {}
        self._span_index: LineIndex | None = None
        super().__init__(*args, **kwargs)

    def set_spans(self, name: str, spans: list[tuple[int, int]], index: LineIndex) -> None:
        """Highlight `spans` (character offsets into `index.text`) with the style called `name`. Spans of another
        text go: their offsets mean nothing in this one (an edit's target, undone at once, lit up the next paragraph)."""
        if self._span_index is not None and index.text != self._span_index.text:
            self._span_sets.clear()
        self._span_sets[name] = spans
        self._span_index = index
        self._build_highlight_map()
        self.refresh()

    def clear_spans(self, name: str) -> None:
        """Remove one named set of highlights."""
        if self._span_sets.pop(name, None) is not None:
            self._build_highlight_map()
            self.refresh()

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        if self._span_index is None:
            return
        for name, spans in self._span_sets.items():
            for start, end in spans:
                self._add_span(name, start, end)

    def _add_span(self, name: str, start: int, end: int) -> None:
        lines = self.document.lines
        (first_row, first_column), (last_row, last_column) = (
            self._span_index.location(start),
            self._span_index.location(end),
        )
        for row in range(first_row, min(last_row, len(lines) - 1) + 1):
            line = lines[row]
            begin = first_column if row == first_row else 0
            finish = last_column if row == last_row else len(line)
            if finish > begin:
                self._highlights[row].append((_bytes(line, begin), _bytes(line, finish), name))

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        self._theme = dataclasses.replace(self._theme, syntax_styles={**self._theme.syntax_styles, **SPAN_STYLES})


def _bytes(line: str, column: int) -> int:
    """TextArea highlights count UTF-8 bytes, not characters."""
    return len(line[:column].encode("utf-8"))
