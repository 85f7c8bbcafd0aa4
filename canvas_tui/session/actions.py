"""What a person does outside chat turns (open/close the canvas, edit, undo, select, dismiss...).

Each action is recorded for replay; the ones that contradict the model's last decision are
logged as corrections linked to that decision, which is how real use becomes labels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from canvas_tui.behaviours.base import Span
from canvas_tui.document import Comment, Document, Version
from canvas_tui.session.context import LastTurn
from canvas_tui.session.reasks import is_reask
from canvas_tui.session.titles import title_of

if TYPE_CHECKING:
    from canvas_tui.session.events import Event
    from canvas_tui.session.orchestrator import Session
    from canvas_tui.session.result import TurnResult

RESELECT_IOU = 0.5


class PersonActions:
    """Mixed into Session: the person's own actions, with corrections linked to the decisions they correct."""

    def open_document(self: Session, text: str, *, title: str = "untitled", path: Path | None = None) -> Document:
        """Open an existing text (a file) in the canvas."""
        self.record_action("open_document", {"text": text, "title": title, "path": str(path) if path else None})
        document = Document(text, title=title, path=path, author="file")
        self.adopt_document(document)
        return document

    def open_canvas(self: Session) -> bool:
        """Show the canvas; right after an inline answer this corrects the trigger (True), and with no document open
        the answer becomes the document: it is what the person wanted in the canvas."""
        self.record_action("open_canvas")
        trigger = self.last_turn.decisions.get("trigger")
        corrected = trigger is not None and trigger.output.get("label") == "inline"
        if corrected:
            self.log_correction("canvas_opened", trigger.id, message=trigger.input.get("message"))
        if self.document is None:
            answer = self.history[-1]["content"] if corrected and self.history[-1:] else ""
            self.adopt_document(Document(answer, title=title_of(answer), author="model" if answer else "user"))
        self.canvas_open = True
        return corrected

    def close_canvas(self: Session) -> bool:
        """Hide the canvas; right after the model opened it (the trigger, or the router's new document) this
        corrects that decision (True)."""
        self.record_action("close_canvas")
        opened_by = self.last_turn.decisions.get("trigger") or self.last_turn.decisions.get("router")
        corrected = self.last_turn.kind == "new_document" and opened_by is not None
        if corrected:
            self.log_correction("canvas_closed", opened_by.id, message=opened_by.input.get("message"))
        self.canvas_open = False
        return corrected

    def user_edit(self: Session, new_text: str) -> Version | None:
        """The person's own edit in the canvas, as a version; rewriting a just-edited span corrects that edit."""
        if self.document is None:
            return None
        self.record_action("manual_edit", {"text": new_text})
        previous = self.document.versions[self.document.current]
        version = self.document.set_text(new_text, author="user", summary="edited by hand")
        if version is not None:
            self._maybe_own_rewrite(previous, version)
            self.record_version()
        return version

    def _maybe_own_rewrite(self: Session, previous: Version, version: Version) -> None:
        span = self.last_turn.edit_span
        if previous.author != "model" or span is None or version.change is None:
            return
        if version.change.start < span.end and version.change.end > span.start:
            self.log_correction(
                "own_rewrite",
                self.version_decisions.get(previous.number),
                new_text=self.document.text[span.start : span.end + version.change.delta],
            )
            self.last_turn.edit_span = None

    def undo(self: Session) -> Version | None:
        """Undo the current version; undoing a model edit corrects it. A new document that replaced the open one,
        with nothing of its own left to undo, gives way to that one again (correcting the decision that wrote it)."""
        if self.document is None:
            return None
        self.record_action("undo")
        if self.replacements and self.replacements[-1].undoable(self.document):
            return self._undo_replacement()
        undone = self.document.versions[self.document.current]
        version = self.document.undo()
        if version is not None and undone.author == "model" and undone.number in self.version_decisions:
            self.log_correction("edit_undone", self.version_decisions[undone.number], version=undone.number)
        if version is not None:
            self.record_version()
        return version

    def redo(self: Session) -> Version | None:
        """Redo the version last undone, or the replacement by a new document last undone; redoing a model's
        decision withdraws the undo's correction."""
        if self.document is None:
            return None
        self.record_action("redo")
        if self.undone_replacements and self.undone_replacements[-1].redoable(self.document):
            return self._redo_replacement()
        version = self.document.redo()
        if version is not None and version.author == "model" and version.number in self.version_decisions:
            self.log_correction("edit_redone", self.version_decisions[version.number], version=version.number)
        if version is not None:
            self.record_version()
        return version

    def _undo_replacement(self: Session) -> Version:
        replacement = self.replacements.pop()
        self.undone_replacements.append(replacement)
        earlier = replacement.earlier
        replacement.brought_back_at = (earlier.current, len(earlier.versions))
        self.show_document(earlier, replacement.earlier_decisions)
        self.last_turn = LastTurn()
        self.log_correction("new_document_undone", replacement.decision_id, title=replacement.later.title)
        return earlier.versions[earlier.current]

    def _redo_replacement(self: Session) -> Version:
        replacement = self.undone_replacements.pop()
        self.replacements.append(replacement)
        later = replacement.later
        self.show_document(later, replacement.later_decisions)
        self.log_correction("new_document_redone", replacement.decision_id, title=later.title)
        return later.versions[later.current]

    def restore(self: Session, number: int) -> Version | None:
        """Make an earlier version current again (as a new version)."""
        if self.document is None:
            return None
        self.record_action("restore", {"number": number})
        version = self.document.restore(number)
        if version is not None:
            self.record_version()
        return version

    def select(self: Session, selection: Span) -> None:
        """The person selected text; selecting elsewhere right after a located edit is kept until the next message
        says whether it corrects the locator (`confirm_reselection`)."""
        self.record_action("selection", selection.model_dump())
        locate = self.last_turn.decisions.get("locate")
        span = locate.output.get("span") if locate is not None else None
        if span and not locate.output.get("from_selection") and Span(**span).iou(selection) < RESELECT_IOU:
            self.last_turn.reselection = selection

    def confirm_reselection(self: Session, message: str, selection: Span | None) -> None:
        """Log `section_reselected` when the message about a part picked after a located edit re-asks that edit's
        request (the same words, or only "this instead"): the locator chose the wrong part. A new request about
        the selected part corrects nothing."""
        picked, locate = self.last_turn.reselection, self.last_turn.decisions.get("locate")
        if picked is None or locate is None or selection is None or selection.iou(picked) < RESELECT_IOU:
            return
        asked = self.last_turn.decisions.get("router")
        previous = asked.input.get("message") if asked is not None else locate.input.get("request")
        if is_reask(message, previous or ""):
            self.log_correction("section_reselected", locate.id, selection=selection.model_dump())

    def dismiss_comment(self: Session, comment_id: str) -> Comment:
        """Dismiss a model comment (a correction of its placement or content)."""
        self.record_action("dismiss_comment", {"id": comment_id})
        comment = self.document.set_comment_status(comment_id, "dismissed")
        self.log_correction("comment_dismissed", comment.decision_id, quote=comment.quote, comment=comment.comment)
        return comment

    def apply_comment(self: Session, comment_id: str) -> Version | None:
        """Apply a comment's suggested replacement as an edit of its span."""
        self.record_action("apply_comment", {"id": comment_id})
        comment = next((c for c in self.document.comments if c.id == comment_id), None)
        if comment is None:
            raise KeyError(comment_id)
        if comment.suggestion is None or not comment.active:
            return None
        version = self.document.replace(
            comment.start,
            comment.end,
            comment.suggestion,
            author="model",
            summary=f"applied suggestion: {comment.comment[:50]}",
        )
        self.document.set_comment_status(comment_id, "applied")
        self.record_version()
        return version

    async def quick_action(self: Session, name: str, *, emit: Callable[[Event], None] | None = None) -> TurnResult:
        """Run a named quick action (settings.quick_actions) as a turn with its fixed request.

        Recorded as a `quick_action` entry followed by the turn's own `message` entry.
        """
        action = next((a for a in self.settings.quick_actions if a.name.lower() == name.strip().lower()), None)
        if action is None:
            raise KeyError(f"no quick action named {name!r}")
        self.record_action("quick_action", {"name": action.name, "request": action.request})
        return await self.turn(action.request, emit=emit)
