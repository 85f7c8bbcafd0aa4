"""The app's entries in the command palette (Ctrl+P): canvas, versions, save, preview, help, quick actions."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from canvas_tui.app.languages import is_code, language_of

if TYPE_CHECKING:
    from canvas_tui.app.app import CanvasApp


def palette_commands(app: CanvasApp) -> Iterator[SystemCommand]:
    """Commands for what is open now; quick actions match the document (code or prose)."""
    yield SystemCommand(
        "Open or close the canvas", "Show or hide the document beside the chat (Ctrl+O)", app.action_toggle_canvas
    )
    yield SystemCommand("Versions", "Every version with its diff; restore one (F2)", app.action_versions)
    yield SystemCommand("Save the document", "Write it to its file, atomically (Ctrl+S)", app.action_save)
    yield SystemCommand("Toggle markdown preview", "Source or rendered markdown (F3)", app.action_toggle_preview)
    yield SystemCommand("Keys", "Every key the app answers to (F1)", app.action_help)
    document = app.session.document
    code = document is not None and is_code(document)
    language = language_of(document) if code else None
    for index, action in enumerate(app.session.settings.quick_actions):
        if action.for_code == code and not (language and action.name.lower() == f"port to {language}"):
            yield SystemCommand(f"Quick action: {action.name}", action.request, partial(app.action_quick_action, index))
