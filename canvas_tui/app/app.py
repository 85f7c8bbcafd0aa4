"""The canvas-tui app: chat on the left, the document canvas beside it, a status line below.

A thin layer over the headless `Session`: the app never calls the model client. A chat turn
runs `session.turn` in a worker; the session's events come back as messages and are shown as
they arrive (messages up, attributes down).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input

from canvas_tui.app import keys
from canvas_tui.app.commands import palette_commands
from canvas_tui.app.document_actions import DocumentActions
from canvas_tui.app.messages import SessionEvent, TurnFinished
from canvas_tui.app.playback import Playback, recorded_files
from canvas_tui.app.screens.help import HelpScreen, KeyRow, binding_rows
from canvas_tui.app.screens.versions import VersionsScreen
from canvas_tui.app.visible import visible
from canvas_tui.app.widgets.canvas.comments import CommentList
from canvas_tui.app.widgets.canvas.editor import CanvasEditor
from canvas_tui.app.widgets.canvas.pane import CanvasPane
from canvas_tui.app.widgets.chat.log import ChatLog
from canvas_tui.app.widgets.status import StatusBar
from canvas_tui.behaviours.base import Span
from canvas_tui.session import Session, TurnResult
from canvas_tui.session.events import CanvasDelta, ChatDelta, DecisionMade, Event, TargetShown
from canvas_tui.text import one_line

SEVERITY = {"info": "information", "warning": "warning", "error": "error"}
CANVAS_CORRECTED = {
    True: "Noted: that answer belonged in the canvas (kept as a correction for training).",
    False: "Noted: that request should not have opened the canvas (kept as a correction for training).",
}


class CanvasApp(Playback, DocumentActions, App[None]):
    """Chat beside a document canvas, over one session."""

    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (64, "-narrow"), (100, "-wide")]
    """Below 64 columns the canvas goes under the chat; below 100 the two panes share the width equally."""

    CSS_PATH = "app.tcss"
    TITLE = "canvas-tui"
    BINDINGS = [
        keys.CANVAS,
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", priority=True),
        keys.VERSIONS,
        keys.PREVIEW,
        keys.COMMENTS,
        Binding("f1,question_mark", "help", "Help", key_display="F1/?"),
        Binding("escape", "focus_chat", "Back to the chat", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        session: Session,
        *,
        debounce: float = 1.0,
        autosave_interval: float = 10.0,
        problems: list[str] | None = None,
        playback=None,
    ) -> None:
        super().__init__()
        self.session = session
        self.playback = playback
        self.watched_files = recorded_files(playback[0]) if playback else None
        self.debounce, self.autosave_interval = debounce, autosave_interval
        self.problems = list(problems or [])
        self.autosaved: Path | None = None
        self.turn_running = False
        self.kept_before_turn: Path | None = None
        self.streaming_document = False
        self.reported_selection: Span | None = None
        self.terminal_closed: Callable[[], bool] | None = None
        """Whether the app's terminal has gone; None: the standard input's terminal, watched when the app runs in one."""
        for index, action in enumerate(session.settings.quick_actions):
            if action.key:
                self.bind(action.key, f"quick_action({index})", description=action.name)

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="chat-pane"):
                yield ChatLog(id="chat-log")
                yield Input(
                    placeholder="Message (Enter sends; with text selected in the canvas, it is about that)",
                    id="chat-input",
                    select_on_focus=False,
                )
            yield CanvasPane(id="canvas", debounce=self.debounce)
        yield StatusBar(id="status")
        yield Footer(compact=True)

    @property
    def canvas(self) -> CanvasPane:
        return self.query_one(CanvasPane)

    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.refresh_canvas()
        self.query_one("#chat-input", Input).focus()
        self.set_interval(self.autosave_interval, self.autosave)
        self.follow_terminal()
        if self.replaying:
            self.play_recording()
        else:
            if self.session.document is None:
                self.chat.show_welcome()
            self.offer_autosave()
        for problem in self.problems + ([self.session.log.problem] if self.session.log.problem else []):
            self.chat.add_notice("error", problem)
            self.notify(problem, severity="error", timeout=10)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text (never markup) with control characters made visible."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def get_system_commands(self, screen):
        """Textual's own commands (its "Keys" panel left out: "Keys" here is the app's help) and the app's."""
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        yield from palette_commands(self)

    # -- showing the session's state --------------------------------------------------------------

    def refresh_canvas(self) -> None:
        """Show the canvas if the session has it open, with the document as it is now."""
        document = self.session.document
        visible = document is not None and self.session.canvas_open
        self.canvas.display = visible
        if visible:
            self.canvas.show(document)
        self.show_document_status()

    def show_document_status(self) -> None:
        document = self.session.document
        if document is None:
            self.status.show_document("no document")
            return
        state = " • unsaved" if self.dirty else ""
        self.status.show_document(f"{document.title} v{document.current}{state}")

    def commit_typing(self) -> None:
        """Turn the person's pending typing into a version (after a pause, on leaving the editor, before a turn)."""
        text = self.canvas.take_typed_text()
        if text is not None and self.session.document is not None:
            self.session.user_edit(text)
            self.canvas.show(self.session.document)
            self.show_document_status()

    def on_canvas_pane_typing_paused(self, event: CanvasPane.TypingPaused) -> None:
        self.commit_typing()

    def busy(self, doing: str) -> bool:
        """True (and says so) while a turn or a replay runs: the document must not change under the model."""
        if self.turn_running or self.replaying:
            what = "the recording finishes playing" if self.replaying else "the current answer"
            self.notify(f"Wait for {what} before you {doing}.", severity="warning")
        return self.turn_running or self.replaying

    # -- chat turns ---------------------------------------------------------------------------------

    def on_chat_log_typed(self, event: ChatLog.Typed) -> None:
        """Typing while the chat log has focus goes on in the message box."""
        box = self.query_one("#chat-input", Input)
        box.focus()
        box.insert_text_at_cursor(event.character)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "chat-input" or not event.value.strip() or self.busy("send another message"):
            return
        message = event.value.strip()
        event.input.value = ""
        self.send(message)

    def send(self, message: str, *, shown: str | None = None) -> None:
        """Start a turn with `message` (about the canvas selection, if there is one)."""
        self.commit_typing()
        self.kept_before_turn = self.autosave() if self.dirty else None
        selection = self.canvas.selection() if self.canvas.display else None
        about = (
            f"\n(about “{one_line(self.session.document.text[selection.start : selection.end], 60)}”)"
            if selection
            else ""
        )
        self.chat.add_user((shown or message) + about)
        self.status.show_turn("thinking…")
        self.turn_running = True
        self.canvas.editor.read_only = True
        self.run_turn(message, selection)

    @work(exclusive=True, group="turn")
    async def run_turn(self, message: str, selection: Span | None) -> None:
        """The turn itself, off the UI path; its events and its result come back as messages."""
        result = await self.session.turn(message, selection=selection, emit=self._relay)
        self.post_message(TurnFinished(result))

    def _relay(self, event: Event) -> None:
        self.post_message(SessionEvent(event))

    async def on_session_event(self, message: SessionEvent) -> None:
        event = message.event
        if isinstance(event, ChatDelta):
            await self.chat.write(event.text)
        elif isinstance(event, CanvasDelta):
            self._stream_into_canvas(event.text)
        elif isinstance(event, TargetShown):
            self._show_target(event)
        elif isinstance(event, DecisionMade):
            self.status.show_turn(f"thinking… {event.behaviour}={event.summary}")

    def _stream_into_canvas(self, text: str) -> None:
        if not self.streaming_document:
            self.streaming_document = True
            self.canvas.display = True
            self.canvas.begin_stream()
        self.canvas.stream(text)

    def _show_target(self, event: TargetShown) -> None:
        if self.session.document is None or not self.canvas.display:
            return
        if event.phase == "after":
            self.canvas.show(self.session.document)
        self.canvas.show_target(event.start, event.end)

    async def on_turn_finished(self, message: TurnFinished) -> None:
        result: TurnResult = message.result
        await self.chat.finish_reply(result.reply or None)
        self.turn_running = self.streaming_document = False
        self.canvas.editor.read_only = False
        self.refresh_canvas()
        self.canvas.fade_target()
        self.status.show_turn(result.status_line or result.kind)
        if result.kind == "new_document" and self.kept_before_turn:
            kept = (
                "The new document replaced one with unsaved changes: Ctrl+Z brings it back, and a copy is kept in "
                f"{self.kept_before_turn}."
            )
            self.chat.add_notice("warning", kept)
            self.notify(kept, severity="warning", timeout=15)
        for notice in result.notices:
            self.chat.add_notice(notice.level, notice.message)
            self.notify(notice.message, severity=SEVERITY[notice.level], timeout=8)

    def action_quick_action(self, index: int) -> None:
        """Send a quick action's fixed request as an ordinary turn (recorded as a quick action first)."""
        action = self.session.settings.quick_actions[index]
        if self.busy(f"run “{action.name}”"):
            return
        self.session.record_action("quick_action", {"name": action.name, "request": action.request})
        self.send(action.request, shown=f"⚡ {action.name}")

    # -- the canvas ---------------------------------------------------------------------------------

    def action_toggle_canvas(self) -> None:
        """Open or close the canvas by hand (Ctrl+O); the session logs it as a correction when it is one."""
        if self.busy("open or close the canvas"):
            return
        self.commit_typing()
        if self.session.canvas_open and self.session.document is not None:
            corrected = self.session.close_canvas()
            self.refresh_canvas()
            self.query_one("#chat-input", Input).focus()
        else:
            corrected = self.session.open_canvas()
            self.refresh_canvas()
            self.canvas.editor.focus()
        if corrected:
            self.notify(CANVAS_CORRECTED[self.session.canvas_open])

    def on_canvas_pane_selection_settled(self, event: CanvasPane.SelectionSettled) -> None:
        """A settled, non-empty selection the person made is reported to the session (it may correct the locator).
        A cursor that stopped moving selects nothing: typing goes on waiting for its own pause (committing it here
        made a version 0.6 s into typing instead of after the pause)."""
        editor = self.canvas.editor
        if self.turn_running or self.replaying or not editor.has_focus or editor.selection.is_empty:
            return
        self.commit_typing()
        span = self.canvas.selection()
        if span is not None and span != self.reported_selection:
            self.reported_selection = span
            self.session.select(span)

    def action_toggle_preview(self) -> None:
        """Markdown documents: switch between the editable source and the rendered preview (F3)."""
        if not self.canvas.display or not self.canvas.toggle_preview():
            self.notify("The preview is for markdown documents open in the canvas.")

    def action_focus_comments(self) -> None:
        """Move to the comments list (F4): arrows move the cursor to each span; d dismisses, a applies."""
        comments = self.query_one(CommentList)
        if comments.display and self.canvas.display:
            comments.focus()
        else:
            self.notify("There are no comments.")

    def action_focus_chat(self) -> None:
        self.query_one("#chat-input", Input).focus()

    def action_help(self) -> None:
        """Every key (F1 or ?)."""
        self.push_screen(HelpScreen(self.key_rows()))

    def key_rows(self) -> list[KeyRow]:
        """The rows of the help screen, from the live bindings."""
        rows: list[KeyRow] = [
            ("Chat", "enter", "Send the message (about the canvas selection, if any)"),
            ("Anywhere", "ctrl+p", "Command palette: quick actions, versions, save"),
        ]
        described = {key for _, key, _ in rows}
        rows += [row for row in binding_rows("Anywhere", [b for _, b in self._bindings]) if row[1] not in described]
        rows += binding_rows("Canvas", CanvasEditor.BINDINGS)
        rows += binding_rows("Comments list", CommentList.BINDINGS)
        rows += binding_rows("Versions screen", VersionsScreen.BINDINGS)
        return rows
