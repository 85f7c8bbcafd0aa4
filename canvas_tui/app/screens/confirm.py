"""Small questions: quit with unsaved changes, restore an autosave, the file name to save as."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from canvas_tui.app.visible import visible

DIALOG_TEXT_WIDTH = 64
"""Columns for text inside a dialog: its width in app.tcss (70) less its border and padding."""


def path_lines(path: str, width: int = DIALOG_TEXT_WIDTH) -> str:
    """`path` broken into lines of at most `width` columns after its separators, so no name is cut in two (a single
    name longer than a line is left whole)."""
    lines, line = [], ""
    for part in re.split(r"(?<=[/\\])", path):
        if line and cell_len(line + part) > width:
            lines.append(line)
            line = ""
        line += part
    return "\n".join([*lines, line])


class Choice(ModalScreen[str]):
    """A question with buttons, and the file it is about on lines of its own; dismisses with the chosen button's id
    (Escape: `cancel`)."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", "Cancel"),
        Binding("left", "app.focus_previous", "Previous choice", show=False),
        Binding("right", "app.focus_next", "Next choice", show=False),
    ]
    """Arrows move between the buttons as Tab does: a person who presses Right then Enter means the next choice."""

    def __init__(self, question: str, choices: list[tuple[str, str]], path: str | None = None) -> None:
        super().__init__()
        self.question, self.choices, self.path = question, choices, path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible(self.question), markup=False, classes="question")
            if self.path:
                yield Label(path_lines(visible(self.path)), markup=False, classes="path")
            with Horizontal(classes="buttons"):
                for choice_id, label in self.choices:
                    yield Button(
                        label, id=choice_id, variant="primary" if choice_id == self.choices[0][0] else "default"
                    )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def quit_question(name: str, autosave: str | None) -> Choice:
    """Quitting with unsaved changes: save, quit anyway (the autosave copy is kept), or stay."""
    kept = " A copy is kept in:" if autosave else ""
    return Choice(
        f"{name} has unsaved changes.{kept}",
        [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
        autosave,
    )


def replay_quit_question(name: str) -> Choice:
    """Quitting a replay: its text is the recording's, never written to the recorded file nor autosaved, so quitting
    loses nothing of the person's; a copy can still be saved under another name."""
    return Choice(
        f"This is {name} as the recording replayed it. Nothing was written to the file or to an autosave copy.",
        [("discard", "Quit"), ("save", "Save a copy as…"), ("cancel", "Cancel")],
    )


def restore_question(name: str, autosave: str) -> Choice:
    """An autosave newer than the file exists: restore it or keep the file as it is."""
    return Choice(
        f"An autosaved copy of {name}, newer than the file, exists. Restore it?",
        [("restore", "Restore the autosave"), ("keep", "Keep the file as it is")],
        autosave,
    )


def overwrite_question(path: str) -> Choice:
    """Saving as a file that already exists: replace it, or choose another name."""
    return Choice(
        f"{path} already exists. Replace it with this document?",
        [("rename", "Choose another name"), ("replace", "Replace the file")],
    )


class SaveAs(ModalScreen[str | None]):
    """Ask for a file name (for a document that has none yet)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save the document as (Enter saves, Escape cancels):", markup=False, classes="question")
            yield Input(self.suggestion, id="save-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
