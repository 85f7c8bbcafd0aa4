"""The help screen: every key the app answers to, gathered from the live bindings (so it cannot go stale)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyRow = tuple[str, str, str]
"""(where, key, what it does)"""


def binding_rows(where: str, bindings: list[Binding]) -> list[KeyRow]:
    """Rows for the bindings that have a description, saying what they do in their tooltip's words when there is one
    (the key bar's label is shorter); a binding for several keys is one row."""
    rows = [
        (where, binding.key_display or binding.key, binding.tooltip or binding.description)
        for binding in bindings
        if binding.description
    ]
    return list(dict.fromkeys(rows))


class HelpScreen(ModalScreen[None]):
    """A table of keys; Escape, F1 or q closes it."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close help")]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(title="canvas-tui keys", expand=True)
        for column in ("Where", "Key", "Does"):
            table.add_column(column)
        for row in self.rows:
            table.add_row(*row)
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(
                "Escape closes this help. Ctrl+P opens the command palette (quick actions, versions, save).",
                markup=False,
            )
