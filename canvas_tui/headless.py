"""The line-oriented chat: one turn per input line, replies and document changes printed, one status line each.

Lines starting with `/` are the person's own actions (`/help` lists them), so a scripted
session can undo, select, open or close the canvas, and dismiss comments like the app does.
"""

from __future__ import annotations

import inspect
import re
import shlex
from collections.abc import Iterable
from typing import TextIO

from canvas_tui.behaviours.base import Span
from canvas_tui.document.files import has_bom, save_text
from canvas_tui.session import Session, TurnResult

HELP = """Commands (everything else is a chat message):
  /show                 print the document
  /versions             list versions;  /diff N  show version N's diff
  /undo  /redo          undo or redo the last change;  /restore N  restore version N
  /select START END     select [START, END) for the next message
  /comments             list comments; /dismiss ID  /apply ID
  /open  /close         open or close the canvas
  /quick NAME           run a quick action (e.g. /quick Review code)
  /save PATH            save the document (atomic write)
  /help                 this list"""


_CONTROLS = re.compile(r"\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    """A control character's visible stand-in: a Control Pictures symbol (C0, DEL) or a \\x escape (C1)."""
    char = match.group()
    if char == "\r\n":
        return "\n"
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"\\x{code:02x}"


def printable(text: str) -> str:
    """`text` safe to print on a terminal: controls (ESC, CR, C1...) shown as symbols, never obeyed.

    Documents and model replies are untrusted: raw escape sequences could clear the screen, retitle
    the window or hide text. Only newline and tab are kept; CRLF prints as a newline.
    """
    return _CONTROLS.sub(_visible, text)


class HeadlessChat:
    """Runs turns from lines of text and writes what happened to `out`."""

    def __init__(self, session: Session, out: TextIO) -> None:
        self.session, self.out = session, out
        self.session.undo_hint = "/undo"
        self.selection: Span | None = None

    def print(self, text: str = "") -> None:
        """Write one line (or block) of output, with terminal controls neutralised."""
        self.out.write(printable(text) + "\n")
        self.out.flush()

    async def run(self, lines: Iterable[str]) -> int:
        """Process every line; returns the number of failed turns and /commands."""
        failures = 0
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            result = await self._line(line)
            if isinstance(result, bool):
                failures += not result
                continue
            self.selection = None
            failures += result.kind == "failed"
            self.show_turn(result)
        return failures

    async def _line(self, line: str) -> TurnResult | bool:
        """One input line: a quick action or a chat turn (their result), or a /command (whether it worked)."""
        if line.startswith("/quick "):
            return await self._quick(line.removeprefix("/quick "))
        if line.startswith("/"):
            return self.command(line)
        return await self.session.turn(line, selection=self.selection)

    async def _quick(self, name: str) -> TurnResult | bool:
        try:
            return await self.session.quick_action(name)
        except KeyError as exc:
            self.print(
                f"[error] {exc.args[0]}; quick actions: "
                + ", ".join(action.name for action in self.session.settings.quick_actions)
            )
            return False

    def show_turn(self, result: TurnResult) -> None:
        """The reply (or the new document, or the change's diff), notices, then the status line. A new document that
        replaced the open one is followed by the reply, which says so and how to undo it."""
        document = self.session.document
        if result.kind == "new_document" and document is not None:
            self.print(document.text)
        elif result.document_changed and document is not None:
            self.print(document.diff_of(document.current).rstrip("\n"))
        if result.reply and (result.kind != "new_document" or result.replaced is not None):
            self.print(result.reply)
        for notice in result.notices:
            self.print(f"[{notice.level}] {notice.message}")
        self.print(f"⟫ {result.status_line}")

    def command(self, line: str) -> bool:
        """Run one `/command`; whether it worked. Problems are printed in plain words, never raised."""
        try:
            name, *args = shlex.split(line[1:]) or ["help"]
        except ValueError as exc:
            self.print(f"[error] {line.strip()}: {exc}")
            return False
        handler = getattr(self, f"_cmd_{name}", None)
        if handler is None:
            self.print(f"[error] unknown command /{name}; /help lists them")
            return False
        if not _takes(handler, len(args)):
            self.print(f"[error] usage: {_usage(name)}")
            return False
        try:
            handler(*args)
        except (ValueError, KeyError, IndexError, OSError) as exc:
            self.print(f"[error] {line.strip()}: {exc}")
            return False
        return True

    def _document(self):
        if self.session.document is None:
            raise CommandProblem("no document is open")
        return self.session.document

    def _version(self, number: str) -> int:
        versions = len(self._document().versions)
        if not number.isdigit() or int(number) >= versions:
            raise CommandProblem(f"the document has versions 0 to {versions - 1} (/versions lists them)")
        return int(number)

    def _comment_id(self, comment_id: str) -> str:
        if not any(comment.id == comment_id for comment in self._document().comments):
            raise CommandProblem(f"there is no comment {comment_id} (/comments lists them)")
        return comment_id

    def _cmd_help(self) -> None:
        self.print(HELP)

    def _cmd_show(self) -> None:
        self.print(self._document().text)

    def _cmd_versions(self) -> None:
        document = self._document()
        for version in document.versions:
            marker = "*" if version.number == document.current else " "
            self.print(f"{marker} v{version.number} {version.author:5} {version.summary}")

    def _cmd_diff(self, number: str) -> None:
        self.print(self._document().diff_of(self._version(number)))

    def _cmd_undo(self) -> None:
        self._step(self.session.undo, "undone", "nothing to undo")

    def _cmd_redo(self) -> None:
        self._step(self.session.redo, "redone", "nothing to redo")

    def _step(self, step, done: str, nothing: str) -> None:
        """Undo or redo, saying so, and which document is back when the step changed documents."""
        before = self.session.document
        if step() is None:
            self.print(nothing)
        elif self.session.document is not before:
            self.print(f"{done}: “{self.session.document.title}” is back in the canvas")
        else:
            self.print(done)

    def _cmd_restore(self, number: str) -> None:
        self.print("restored" if self.session.restore(self._version(number)) else "already that version")

    def _cmd_select(self, start: str, end: str) -> None:
        length = len(self._document().text)
        if not (start.isdigit() and end.isdigit() and int(start) <= int(end) <= length):
            raise CommandProblem(f"a selection is two offsets, 0 <= START <= END <= {length} (the document's length)")
        self.selection = Span(start=int(start), end=int(end))
        self.session.select(self.selection)
        self.print(f"selected {self._document().text[self.selection.start : self.selection.end]!r}")

    def _cmd_comments(self) -> None:
        if not self._document().comments:
            self.print("no comments")
        for comment in self._document().comments:
            self.print(
                f"{comment.id} [{comment.status}] {comment.start}-{comment.end} “{comment.quote[:50]}”: {comment.comment}"
            )

    def _cmd_dismiss(self, comment_id: str) -> None:
        self.session.dismiss_comment(self._comment_id(comment_id))
        self.print("dismissed")

    def _cmd_apply(self, comment_id: str) -> None:
        applied = self.session.apply_comment(self._comment_id(comment_id))
        self.print("applied" if applied else "that comment has no suggestion to apply")

    def _cmd_open(self) -> None:
        corrected = self.session.open_canvas()
        self.print("canvas open" + (" (noted: that answer belonged in the canvas)" if corrected else ""))

    def _cmd_close(self) -> None:
        corrected = self.session.close_canvas()
        self.print("canvas closed" + (" (noted: that request should not have opened it)" if corrected else ""))

    def _cmd_save(self, path: str) -> None:
        document = self._document()
        try:
            save_text(path, document.text, bom=has_bom(path) or has_bom(document.path))
        except OSError as exc:
            raise CommandProblem(f"could not save {path}: {exc.strerror or exc}") from exc
        self.print(f"saved {path}")


class CommandProblem(ValueError):
    """A /command that cannot be done as typed, in words for the person."""


def _takes(handler, count: int) -> bool:
    """Whether a /command handler takes `count` arguments."""
    try:
        inspect.signature(handler).bind(*["x"] * count)
    except TypeError:
        return False
    return True


def _usage(name: str) -> str:
    """The /help line that names /`name`."""
    return next((line.strip() for line in HELP.splitlines() if f"/{name}" in line), f"/{name}")
