"""The first screen: what canvas-tui is, a few requests to try, and the keys that matter.

Shown in the empty chat when the app starts without a document, and gone with the first message:
a newcomer should not face an empty screen with nothing to tell them what to type.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

EXAMPLES = (
    "Write a short essay about why people keep bees",
    "Make the second paragraph more formal",
    "Critique this",
)
"""Requests that show each kind of turn: a new document in the canvas, an edit of one part, comments."""

KEYS = (
    ("Enter", "send; with text selected in the canvas, the message is about that text"),
    ("Ctrl+O", "open or close the canvas"),
    ("Ctrl+Z / Ctrl+Y", "undo / redo, the model's edits and yours"),
    ("Ctrl+P", "quick actions (shorter, longer, polish, review code…)"),
    ("F1", "every key"),
    ("Ctrl+Q", "quit"),
)


def welcome_text() -> Text:
    """The welcome, built as styled plain text (never parsed as markup)."""
    text = Text()
    text.append("canvas-tui", style="bold")
    text.append(
        " — chat with a model beside a document. Ask for something to write and it opens in the "
        "canvas on the right; then ask for changes to any part of it, or for comments. "
        "Open a file with `canvas-tui notes.md`.\n\n"
    )
    text.append("Try:\n", style="bold")
    for example in EXAMPLES:
        text.append(f"  › {example}\n")
    text.append("\nKeys:\n", style="bold")
    width = max(len(key) for key, _ in KEYS)
    for key, what in KEYS:
        text.append(f"  {key.ljust(width)}", style="bold")
        text.append(f"  {what}\n")
    return text


class Welcome(Static):
    """The welcome panel at the top of an empty chat."""

    def __init__(self) -> None:
        super().__init__(welcome_text(), id="welcome", classes="message welcome", markup=False)
