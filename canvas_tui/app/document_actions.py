"""The person's actions on the document, mixed into the app: undo/redo, versions, comments, save, quit, autosave,
and leaving with the changes kept when the terminal goes away.

Each one first turns pending typing into a version, then calls the session (the source of
truth), then shows the result; problems become notifications, never crashes.
"""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from canvas_tui.app.autosave import newer_autosave, remove_autosave, write_autosave
from canvas_tui.app.languages import file_suffix
from canvas_tui.app.screens.confirm import (
    SaveAs,
    overwrite_question,
    quit_question,
    replay_quit_question,
    restore_question,
)
from canvas_tui.app.screens.versions import VersionsScreen
from canvas_tui.app.terminal import HANGUP_EXIT_CODE, stdin_terminal_probe
from canvas_tui.app.widgets.canvas.comments import CommentList
from canvas_tui.app.widgets.canvas.editor import CanvasEditor
from canvas_tui.document.files import has_bom, save_text

if TYPE_CHECKING:
    from canvas_tui.app.app import CanvasApp

TERMINAL_POLL_SECONDS = 1.0
"""How often the app checks that its terminal is still there."""


class DocumentActions:
    """Undo/redo, versions, comments, saving, autosave and quitting, for `CanvasApp`."""

    def action_undo(self: CanvasApp) -> None:
        """Undo the current version (Ctrl+Z, anywhere: the session's undo is the source of truth)."""
        self._step_history(redo=False)

    def action_redo(self: CanvasApp) -> None:
        """Redo the version last undone (Ctrl+Y)."""
        self._step_history(redo=True)

    def on_canvas_editor_undo_requested(self: CanvasApp, event: CanvasEditor.UndoRequested) -> None:
        event.stop()
        self._step_history(redo=event.redo)

    def _step_history(self: CanvasApp, *, redo: bool) -> None:
        if self.busy("undo"):
            return
        self.commit_typing()
        before = self.session.document
        version = self.session.redo() if redo else self.session.undo()
        if version is None:
            self.notify("Nothing to redo." if redo else "Nothing to undo.")
        elif self.session.document is not before:
            self.notify(f"“{self.session.document.title}” is back in the canvas.")
        self.refresh_canvas()

    def action_versions(self: CanvasApp) -> None:
        """Show every version with its diff (F2); choosing one restores it."""
        if self.session.document is None:
            self.notify("No document is open yet.")
            return
        self.commit_typing()
        self.push_screen(VersionsScreen(self.session.document), self._restore)

    def _restore(self: CanvasApp, number: int | None) -> None:
        if number is None or self.busy("restore a version"):
            return
        if self.session.restore(number) is None:
            self.notify(f"Version {number} is already the current text.")
        self.refresh_canvas()

    def on_comment_list_chosen(self: CanvasApp, event: CommentList.Chosen) -> None:
        self.canvas.focus_comment(event.comment, event.select)
        if event.select:
            self.notify("Selected the comment's passage: your next message is about it.")

    def on_comment_list_act(self: CanvasApp, event: CommentList.Act) -> None:
        if self.busy("change comments"):
            return
        self.commit_typing()
        if event.action == "dismiss":
            self.session.dismiss_comment(event.comment.id)
        elif self.session.apply_comment(event.comment.id) is None:
            self.notify("This comment has no suggestion to apply.")
        self.refresh_canvas()

    # -- saving ------------------------------------------------------------------------------------

    @property
    def dirty(self: CanvasApp) -> bool:
        """Unsaved changes: typing not yet committed, or a text that differs from the last save."""
        document = self.session.document
        if document is None:
            return False
        if self.canvas.typed:
            return True
        return document.text != document.saved_text and bool(document.text or document.path)

    def action_save(self: CanvasApp, then_quit: bool = False) -> None:
        """Save to the document's file (Ctrl+S); a document without one asks for a name first."""
        document = self.session.document
        if document is None:
            self.notify("No document to save.")
            return
        self.commit_typing()
        if self.watching:
            name = f"{Path(document.path).stem if document.path else file_stem(document.title)}-replayed"
            self.ask_save_as(str(Path.cwd() / f"{name}{file_suffix(document)}"), then_quit)
            return
        if document.path is None:
            self.ask_save_as(str(Path.cwd() / f"{file_stem(document.title)}{file_suffix(document)}"), then_quit)
            return
        self.save_to(Path(document.path), then_quit=then_quit)

    def ask_save_as(self: CanvasApp, suggestion: str, then_quit: bool) -> None:
        """Ask for the file to save a new document to; a file that exists is replaced only when the person says so
        (else the question comes back with that name); a file a watched recording opened is never replaced."""

        def chosen(name: str | None) -> None:
            if not name:
                return
            path = Path(name).expanduser()
            if self.watching and path.resolve() in self.watched_files:
                self.notify(f"{path} is the recording's own file: a replay never writes over it. Choose another name.")
                self.ask_save_as(str(path), then_quit)
                return
            if not path.exists():
                self.save_to(path, then_quit=then_quit)
                return
            self.push_screen(
                overwrite_question(str(path)),
                lambda answer: (
                    self.save_to(path, then_quit=then_quit)
                    if answer == "replace"
                    else self.ask_save_as(str(path), then_quit)
                ),
            )

        self.push_screen(SaveAs(suggestion), chosen)

    def save_to(self: CanvasApp, path: Path, *, then_quit: bool = False) -> bool:
        """Write the document to `path` atomically (keeping a byte-order mark the file had)."""
        document = self.session.document
        try:
            save_text(path, document.text, bom=has_bom(path))
        except OSError as exc:
            self.notify(f"Could not save {path}: {exc.strerror or exc}. Your text is still here.", severity="error")
            return False
        if not self.watching:
            remove_autosave(document)
        if document.path != path:
            document.title = path.name
        document.path, document.saved_text = path, document.text
        self.notify(f"Saved {path}.")
        self.refresh_canvas()
        if then_quit:
            self.exit()
        return True

    def autosave(self: CanvasApp) -> Path | None:
        """Every few seconds (and before each turn): copy an unsaved document to the data directory;
        returns where, or None if there was nothing to keep, the copy failed, or the text is a replay's (its copy
        would overwrite the person's own autosave of the recorded file)."""
        if self.watching or not self.dirty:
            return None
        try:
            self.autosaved = write_autosave(self.session.document)
        except OSError as exc:
            self.notify(f"Autosave failed: {exc}.", severity="warning")
            return None
        return self.autosaved

    def offer_autosave(self: CanvasApp) -> None:
        """At start: if an autosave newer than the file exists, ask whether to restore it."""
        document = self.session.document
        found = newer_autosave(document) if document is not None else None
        if found is None:
            return
        path, text = found

        def answer(choice: str) -> None:
            if choice == "restore":
                self.session.user_edit(text)
                self.notify(f"Restored the autosave from {path} (not saved to the file yet).")
                self.refresh_canvas()

        self.push_screen(restore_question(document.title, str(path)), answer)

    # -- quitting ----------------------------------------------------------------------------------

    async def action_quit(self: CanvasApp) -> None:
        """Quit (Ctrl+Q); with unsaved changes, ask first (an autosave copy is written either way)."""
        self.commit_typing()
        if not self.dirty:
            self.exit()
            return
        kept = self.autosave()
        where = str(kept) if kept else None

        def answer(choice: str) -> None:
            if choice == "save":
                self.action_save(then_quit=True)
            elif choice == "discard":
                self.exit(message=f"Unsaved changes were kept in {where}" if where else None)

        title = self.session.document.title
        self.push_screen(replay_quit_question(title) if self.watching else quit_question(title, where), answer)

    def follow_terminal(self: CanvasApp) -> None:
        """Leave when the terminal goes away: on SIGHUP, and when a poll finds it hung up (no SIGHUP need come)."""
        if self.terminal_closed is None and not self.is_headless:
            self.terminal_closed = stdin_terminal_probe()
            if self.terminal_closed is not None:
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.leave_closed_terminal)
        if self.terminal_closed is not None:
            self.set_interval(TERMINAL_POLL_SECONDS, self._check_terminal)

    def _check_terminal(self: CanvasApp) -> None:
        if self.terminal_closed is not None and self.terminal_closed():
            self.leave_closed_terminal()

    def leave_closed_terminal(self: CanvasApp) -> None:
        """Nobody can answer a question any more: keep unsaved changes in the autosave copy and exit (code 129)."""
        self.commit_typing()
        where = self.autosave() if self.dirty else None
        self.exit(
            return_code=HANGUP_EXIT_CODE,
            message=f"The terminal closed; unsaved changes were kept in {where}" if where else "The terminal closed.",
        )


FILE_STEM_WORDS = 6
_LABEL = re.compile(r"^\s*(?:subject|title|re|fwd?)\s*:\s*", re.I)
_CODE_TITLE = re.compile(r"\bcode: (?P<name>[A-Za-z_$][\w$]*)$")


def file_stem(title: str) -> str:
    """A file name for a document titled `title`: its first words in lower case joined by dashes, without a leading
    "Subject:" label ("Subject: Project Update - Team Planning" -> "project-update-team-planning"); code titled by
    what it defines is named after that ("Python code: add_numbers" -> "add_numbers")."""
    code = _CODE_TITLE.search(title)
    if code is not None:
        return code.group("name")
    words = re.findall(r"[^\W_]+", _LABEL.sub("", title))[:FILE_STEM_WORDS]
    return "-".join(words).lower() or "untitled"
