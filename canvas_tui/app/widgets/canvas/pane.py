"""The canvas pane: the document's title, its editor (or markdown preview), and its comments.

Attributes down: the app calls `show(document)` after anything changed the document.
Messages up: `TypingPaused` when the person's typing should become a version, comment actions.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Label, Markdown

from canvas_tui.app.languages import highlighted_language, is_code, is_markdown
from canvas_tui.app.offsets import LineIndex
from canvas_tui.app.visible import original, visible
from canvas_tui.app.widgets.canvas.comments import CommentList
from canvas_tui.app.widgets.canvas.editor import CanvasEditor
from canvas_tui.behaviours.base import Span
from canvas_tui.document import Comment, Document

TARGET_SECONDS = 1.5
SELECTION_SETTLE = 0.6
"""Seconds a selection must stay put before it is reported."""


class CanvasPane(Vertical):
    """Shows one document; reports typing after a pause (debounced) so versions are not per keystroke."""

    class TypingPaused(Message):
        """The person stopped typing (or left the editor): time to commit a version."""

    class SelectionSettled(Message):
        """The selection in the editor has stayed put for a moment."""

    def __init__(self, *, debounce: float = 1.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.debounce = debounce
        self.document: Document | None = None
        self.index = LineIndex("")
        self.typed = False
        self._pause_timer: Timer | None = None
        self._target_timer: Timer | None = None
        self._selection_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="canvas-title", markup=False)
        with ContentSwitcher(initial="editor", id="canvas-switcher"):
            yield CanvasEditor(id="editor", soft_wrap=True)
            yield Markdown("", id="preview", open_links=False)
        yield CommentList(id="comments")

    @property
    def editor(self) -> CanvasEditor:
        return self.query_one(CanvasEditor)

    @property
    def comment_list(self) -> CommentList:
        return self.query_one(CommentList)

    # -- showing the document ---------------------------------------------------------------------

    def show(self, document: Document) -> None:
        """Show `document` as it is now (a different document is loaded afresh)."""
        text = visible(document.text)
        if document is not self.document:
            self._load(document, text)
        else:
            shown = LineIndex(self.editor.text) if self.typed else self.index
            self.editor.show_text(text, shown)
        self.typed = False
        self.index = LineIndex(text)
        self.query_one("#canvas-title", Label).update(Text(visible(self._title(document))))
        self.show_comments(document.active_comments)
        if self.query_one(ContentSwitcher).current == "preview":
            self.query_one("#preview", Markdown).update(text)

    def _load(self, document: Document, text: str) -> None:
        self.document = document
        editor = self.editor
        editor.language = highlighted_language(document)
        editor.soft_wrap = not is_code(document)
        editor.show_line_numbers = is_code(document)
        with editor.programmatic():
            editor.load_text(text)
        if not is_markdown(document):
            self.query_one(ContentSwitcher).current = "editor"

    @staticmethod
    def _title(document: Document) -> str:
        where = f" — {document.path}" if document.path and str(document.path) != document.title else ""
        count = len(document.versions)
        return (
            f"{document.title}{where}  (version {document.current}; {count} version{'s' if count > 1 else ''} in all)"
        )

    def show_comments(self, comments: list[Comment]) -> None:
        """Highlight every active comment's span and list them."""
        self.comment_list.show(comments)
        self.comment_list.display = bool(comments)
        self.editor.set_spans("canvas.comment", [(c.start, c.end) for c in comments], self.index)

    def focus_comment(self, comment: Comment, select: bool = False) -> None:
        """Mark a comment as the current one and move the cursor to its span; with `select`, select the span."""
        span = Span(start=comment.start, end=comment.end)
        self.editor.set_spans("canvas.comment.current", [(span.start, span.end)], self.index)
        self.editor.select_span(span if select else Span(start=span.start, end=span.start), self.index)

    def show_target(self, start: int, end: int) -> None:
        """Highlight the span an edit is about (it stays until `fade_target`)."""
        if self._target_timer is not None:
            self._target_timer.stop()
            self._target_timer = None
        self.editor.set_spans("canvas.target", [(start, end)], self.index)
        if start < end:
            self.editor.select_span(Span(start=start, end=start), self.index)

    def fade_target(self) -> None:
        """Remove the target highlight after a moment."""
        if self._target_timer is None:
            self._target_timer = self.set_timer(TARGET_SECONDS, lambda: self.editor.clear_spans("canvas.target"))

    # -- streaming a new document -------------------------------------------------------------------

    def begin_stream(self) -> None:
        """Empty the editor to receive a document being written."""
        self.document = None
        self.query_one(ContentSwitcher).current = "editor"
        self.editor.read_only = True
        with self.editor.programmatic():
            self.editor.load_text("")
        self.show_comments([])

    def stream(self, text: str) -> None:
        """Append a piece of the document being written."""
        self.editor.append(visible(text))

    # -- typing -----------------------------------------------------------------------------------

    def on_canvas_editor_typed(self, event: CanvasEditor.Typed) -> None:
        event.stop()
        self.typed = True
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(self.debounce, lambda: self.post_message(self.TypingPaused()))

    def on_text_area_selection_changed(self, event) -> None:
        event.stop()
        if self._selection_timer is not None:
            self._selection_timer.stop()
        self._selection_timer = self.set_timer(SELECTION_SETTLE, lambda: self.post_message(self.SelectionSettled()))

    def on_descendant_blur(self, event) -> None:
        if self.typed and event.widget is self.editor:
            self.post_message(self.TypingPaused())

    def take_typed_text(self) -> str | None:
        """The editor's text if the person typed since the last version, else None (and stop waiting)."""
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None
        return original(self.editor.text) if self.typed else None

    def selection(self) -> Span | None:
        """The selected span in document offsets (only meaningful when nothing is left uncommitted)."""
        return self.editor.selected_span(self.index)

    # -- preview --------------------------------------------------------------------------------------

    def toggle_preview(self) -> bool:
        """Switch a markdown document between source and rendered preview; False if it is not markdown."""
        if self.document is None or not is_markdown(self.document):
            return False
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "editor":
            self.query_one("#preview", Markdown).update(visible(self.document.text))
            switcher.current = "preview"
        else:
            switcher.current = "editor"
        return True
