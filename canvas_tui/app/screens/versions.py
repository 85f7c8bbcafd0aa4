"""The versions screen: every version (number, author, summary) and the diff it made; restore from here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from canvas_tui.app.visible import visible
from canvas_tui.document import Document


def diff_text(diff: str) -> Text:
    """A unified diff as coloured plain Text (never parsed as markup)."""
    text = Text()
    for line in visible(diff).splitlines(keepends=True):
        style = (
            "green"
            if line.startswith("+")
            else "red"
            if line.startswith("-")
            else "cyan"
            if line.startswith("@@")
            else ""
        )
        text.append(line, style=style)
    return text or Text("(the first version: nothing to compare with)")


class VersionsScreen(Screen[int | None]):
    """Versions newest first; Enter or r restores the highlighted one, Escape goes back."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back"), Binding("r,enter", "restore", "Restore this version")]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        yield Label(visible(f"Versions of {self.document.title}"), id="versions-title", markup=False)
        with Horizontal():
            yield OptionList(
                *[self._option(number) for number in reversed(range(len(self.document.versions)))], id="version-list"
            )
            with VerticalScroll(id="diff-view"):
                yield Static(id="diff", markup=False)
        yield Footer()

    def _option(self, number: int) -> Option:
        version = self.document.versions[number]
        current = " (current)" if number == self.document.current else ""
        return Option(Text(visible(f"v{number} {version.author:5} {version.summary}{current}")), id=str(number))

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#diff", Static).update(diff_text(self.document.diff_of(int(event.option.id))))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_restore(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self.dismiss(int(option_list.get_option_at_index(option_list.highlighted).id))
