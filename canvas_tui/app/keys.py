"""The keys that switch between the app's panes and views, shared by the app (which binds them) and the comments list
(which keeps them working but leaves them out of the key bar, so the list's own keys fit beside the essential ones)."""

from __future__ import annotations

from textual.binding import Binding

CANVAS = Binding("ctrl+o", "toggle_canvas", "Canvas")
VERSIONS = Binding("f2", "versions", "Versions")
PREVIEW = Binding("f3", "toggle_preview", "Preview")
COMMENTS = Binding("f4", "focus_comments", "Comments")
VIEW_KEYS = [CANVAS, VERSIONS, PREVIEW, COMMENTS]


def unshown(bindings: list[Binding]) -> list[Binding]:
    """The same keys running the same app actions from a focused widget, not shown in the key bar: a widget's binding
    for a key hides the app's while the widget has focus."""
    return [Binding(binding.key, f"app.{binding.action}", show=False) for binding in bindings]
