"""The line-oriented chat: one turn per input line, replies and document changes printed, one status line each.

Lines starting with `/` are the person's own actions (`/help` lists them), so a scripted
session can undo, select, open or close the canvas, and dismiss comments like the app does.
"""

from __future__ import annotations

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
        """Process every line; returns the number of failed turns."""
        failures = 0
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            result = await self._line(line)
            if result is None:
                continue
            self.selection = None
            failures += result.kind == "failed"
            self.show_turn(result)
        return failures

    async def _line(self, line: str) -> TurnResult | None:
        """One input line: a quick action or a chat turn (their result), or a /command (no turn)."""
        if line.startswith("/quick "):
            return await self._quick(line.removeprefix("/quick "))
        if line.startswith("/"):
            self.command(line)
            return None
        return await self.session.turn(line, selection=self.selection)

    async def _quick(self, name: str) -> TurnResult | None:
        try:
            return await self.session.quick_action(name)
        except KeyError as exc:
            self.print(
                f"[error] {exc.args[0]}; quick actions: "
                + ", ".join(action.name for action in self.session.settings.quick_actions)
            )
            return None

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

    def command(self, line: str) -> None:
        """Run one `/command`; problems are printed, never raised."""
        try:
            name, *args = shlex.split(line[1:]) or ["help"]
            handler = getattr(self, f"_cmd_{name}", None)
            if handler is None:
                self.print(f"unknown command /{name}; /help lists them")
                return
            handler(*args)
        except (ValueError, KeyError, IndexError, TypeError, OSError) as exc:
            self.print(f"[error] {line.strip()}: {exc}")

    def _document(self):
        if self.session.document is None:
            raise ValueError("no document is open")
        return self.session.document

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
        self.print(self._document().diff_of(int(number)))

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
        self.print("restored" if self.session.restore(int(number)) else "already that version")

    def _cmd_select(self, start: str, end: str) -> None:
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
        self._document()
        self.session.dismiss_comment(comment_id)
        self.print("dismissed")

    def _cmd_apply(self, comment_id: str) -> None:
        self._document()
        self.print("applied" if self.session.apply_comment(comment_id) else "that comment has no suggestion to apply")

    def _cmd_open(self) -> None:
        corrected = self.session.open_canvas()
        self.print("canvas open" + (" (noted: that answer belonged in the canvas)" if corrected else ""))

    def _cmd_close(self) -> None:
        corrected = self.session.close_canvas()
        self.print("canvas closed" + (" (noted: that request should not have opened it)" if corrected else ""))

    def _cmd_save(self, path: str) -> None:
        document = self._document()
        save_text(path, document.text, bom=has_bom(path) or has_bom(document.path))
        self.print(f"saved {path}")
