"""Untrusted text (documents, model replies) printed by the headless chat is shown literally and never
alters the terminal: no escape sequence, carriage return or other control character reaches the output."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from canvas_tui.behaviours.base import Span
from canvas_tui.headless import HeadlessChat, printable
from canvas_tui.log.store import DecisionLog
from tests.reliability.replies import HOSTILE
from tests.reliability.support import fuzz_session

TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MARKUP = "[bold red]alarm[/] [@click=app.quit]quit[/] [link=https://example.com]x[/link]"
ESCAPES = "\x1b[2J\x1b[H\x1b]0;owned\x07\x1b[8m hidden \x9b31m\r overwritten"
HOSTILE_DOC = f"# {MARKUP}\n\nClear {ESCAPES} screen.\r\nNext line\x00 with NUL.\n"


@given(st.text() | st.sampled_from(HOSTILE))
def test_printable_text_holds_no_terminal_control_and_keeps_everything_else(text):
    shown = printable(text)
    assert not TERMINAL_CONTROLS.search(shown)
    kept = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", text.replace("\r\n", "\n"))
    assert re.sub(r"[\u2400-\u2421]|\\x[89][0-9a-f]", "", shown).replace("\n", "").replace("\t", "") == re.sub(
        r"[\u2400-\u2421]|\\x[89][0-9a-f]", "", kept
    ).replace("\n", "").replace("\t", "")


async def _run(route: str, document: str | None, replies: list[str], lines: list[str]) -> str:
    session = fuzz_session(route, document)
    session.client.queue(*replies)
    out = io.StringIO()
    await HeadlessChat(session, out).run(lines)
    return out.getvalue()


async def test_a_hostile_document_is_shown_literally():
    out = await _run("chat", HOSTILE_DOC, [], ["/show", "/versions"])
    assert not TERMINAL_CONTROLS.search(out)
    assert MARKUP in out and "Clear ␛[2J␛[H␛]0;owned␇␛[8m hidden \\x9b31m␍ overwritten screen." in out
    assert "Next line␀ with NUL." in out


async def test_hostile_model_replies_are_shown_literally_in_chat_documents_and_diffs():
    chat = await _run("chat", None, [f"Sure {MARKUP} {ESCAPES}"], ["hello"])
    written = await _run("canvas", None, [HOSTILE_DOC], ["write it"])
    assert not TERMINAL_CONTROLS.search(chat + written)
    assert MARKUP in chat and MARKUP in written and "␛[2J" in chat and "␛[2J" in written


async def test_hostile_edits_and_comments_are_shown_literally():
    session = fuzz_session("edit", HOSTILE_DOC)
    start = HOSTILE_DOC.index("Next line")
    session.behaviours.locator.span = Span(start=start, end=len(HOSTILE_DOC) - 1)
    session.client.queue(f"Next line {ESCAPES} with NUL.")
    out = io.StringIO()
    await HeadlessChat(session, out).run(["change it"])
    session.behaviours.trigger.labels = ["comment"]
    session.client.queue(json.dumps({"comments": [{"quote": "Clear", "comment": f"{MARKUP} {ESCAPES}"}]}))
    await HeadlessChat(session, out).run(["critique", "/comments"])
    printed = out.getvalue()
    assert session.document.text.count("\x1b") == 2 * ESCAPES.count("\x1b")
    assert not TERMINAL_CONTROLS.search(printed)
    assert "+Next line ␛[2J␛[H␛]0;owned␇␛[8m hidden \\x9b31m" in printed and MARKUP in printed


def test_input_that_is_not_utf8_is_read_with_replacement_characters(tmp_path):
    from click.testing import CliRunner

    from canvas_tui.cli import cli

    recording = tmp_path / "empty.jsonl"
    recording.write_text('{"type": "header", "session_id": "s", "backend": "scripted", "model": "m"}\n')
    result = CliRunner().invoke(
        cli,
        [
            "chat",
            "--headless",
            "--backend",
            "replay",
            "--replay-file",
            str(recording),
            "--log",
            str(tmp_path / "log.sqlite3"),
        ],
        input=b"hello \xff there\n/help\n",
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Commands (everything else is a chat message)" in result.stdout
    [trigger] = DecisionLog(tmp_path / "log.sqlite3").decisions()
    assert trigger.input["message"] == "hello \ufffd there"
