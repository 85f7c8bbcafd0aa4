"""The one-line status bar: the last turn's decisions on the left, the document's state on the right."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from canvas_tui.app.visible import visible


class StatusBar(Horizontal):
    """`trigger=canvas 0.93 · locate=… · policy=targeted`  |  `notes.md v3 • unsaved`."""

    def compose(self) -> ComposeResult:
        yield Label("", id="status-turn", markup=False)
        yield Label("", id="status-document", markup=False)

    def show_turn(self, line: str) -> None:
        """The last turn's status line (or what is happening now)."""
        self.query_one("#status-turn", Label).update(Text(visible(line)))

    def show_document(self, line: str) -> None:
        """The document's name, version and whether it has unsaved changes."""
        self.query_one("#status-document", Label).update(Text(visible(line)))
