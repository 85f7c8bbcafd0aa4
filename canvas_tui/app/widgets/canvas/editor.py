"""The canvas editor: a TextArea whose programmatic updates are told apart from the person's typing.

The session's undo is the source of truth, so the TextArea's own undo/redo keys are handed up
to the app (which undoes a session version) instead of undoing keystrokes locally.
"""

from __future__ import annotations

from contextlib import contextmanager

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets.text_area import Edit, EditResult, Selection

from canvas_tui.app.offsets import LineIndex
from canvas_tui.app.widgets.canvas.highlights import SpanHighlightArea
from canvas_tui.app.widgets.canvas.wrapping import count_rows
from canvas_tui.behaviours.base import Span
from canvas_tui.document.changes import minimal_change


class CanvasEditor(SpanHighlightArea):
    """The document's text, editable; shows session versions and reports the person's edits."""

    BINDINGS = [
        Binding("ctrl+home", "cursor_document_start", "Document start", show=False),
        Binding("ctrl+end", "cursor_document_end", "Document end", show=False),
        Binding("ctrl+shift+home", "cursor_document_start(True)", "Select to document start", show=False),
        Binding("ctrl+shift+end", "cursor_document_end(True)", "Select to document end", show=False),
    ]

    class Typed(Message):
        """The person changed the text (by typing, pasting, deleting)."""

    class UndoRequested(Message):
        """Ctrl+Z / Ctrl+Y in the editor: undo or redo a session version."""

        def __init__(self, redo: bool) -> None:
            super().__init__()
            self.redo = redo

    def __init__(self, *args, **kwargs) -> None:
        self._programmatic = 0
        self._text: str | None = None
        super().__init__(*args, **kwargs)

    @property
    def text(self) -> str:
        """The whole text, joined once per change (TextArea asks for it for every line it draws)."""
        if self._text is None:
            self._text = super().text
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    @contextmanager
    def programmatic(self):
        """Edits made inside this block are the app's, not the person's."""
        self._programmatic += 1
        try:
            yield
        finally:
            self._programmatic -= 1

    def _set_document(self, text: str, language: str | None) -> None:
        self._text = None
        super()._set_document(text, language)
        count_rows(self.wrapped_document)

    async def _on_key(self, event: events.Key) -> None:
        """The editor's own keys (cursor moves, selections, deletions) act here, in the order the keys came.

        Left to Textual, such a key bubbles up to the app to find its binding while the printable keys after it are
        typed first: in a burst (fast typing, a terminal multiplexer) `Home Shift+End` then text selected the text
        just typed, and the next key replaced it."""
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)

    def action_cursor_document_start(self, select: bool = False) -> None:
        """Ctrl+Home: to the start of the document (with Shift, selecting)."""
        self.move_cursor((0, 0), select=select)

    def action_cursor_document_end(self, select: bool = False) -> None:
        """Ctrl+End: to the end of the document (with Shift, selecting)."""
        self.move_cursor(self.document.end, select=select)

    def edit(self, edit: Edit) -> EditResult:
        self._text = None
        result = super().edit(edit)
        if not self._programmatic:
            self.post_message(self.Typed())
        return result

    def show_text(self, new_text: str, index: LineIndex) -> None:
        """Make the editor show `new_text`, replacing only the region that differs (cursor and scroll kept).

        `index` indexes the text currently shown.
        """
        change = minimal_change(index.text, new_text)
        if change.is_empty():
            return
        with self.programmatic():
            self.replace(
                change.new, index.location(change.start), index.location(change.end), maintain_selection_offset=True
            )

    def append(self, text: str) -> None:
        """Add streamed text at the end. Not with TextArea's `insert`: inserting more than a character makes the cursor
        visible even in an editor without focus, so a document the model wrote kept a cursor in the canvas while the
        person typed in the chat box."""
        end = self.document.end
        with self.programmatic():
            self.replace(text, end, end, maintain_selection_offset=True)

    def selected_span(self, index: LineIndex) -> Span | None:
        """The selection as character offsets into `index.text`, or None when nothing is selected."""
        start, end = self.selection
        return None if start == end else index.span(start, end)

    def select_span(self, span: Span, index: LineIndex) -> None:
        """Select `span` and scroll it into view."""
        self.selection = Selection(index.location(span.start), index.location(span.end))
        self.scroll_cursor_visible(center=True)

    def undo(self) -> None:
        """Not the TextArea's keystroke undo: ask the app to undo a session version."""
        self.post_message(self.UndoRequested(redo=False))

    def redo(self) -> None:
        """Not the TextArea's keystroke redo: ask the app to redo a session version."""
        self.post_message(self.UndoRequested(redo=True))
