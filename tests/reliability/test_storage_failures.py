"""Disk full or read-only storage: the session keeps working and the person is told what is not being kept.

A full disk is real here: SQLite's max_page_count gives SQLITE_FULL, and /dev/full gives ENOSPC.
"""

from __future__ import annotations

import io
import sqlite3

from canvas_tui.bootstrap import SessionOptions, open_session
from canvas_tui.config import Settings
from canvas_tui.headless import HeadlessChat
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.recording import load_recording
from canvas_tui.log.store import DecisionLog
from tests.fakes import fake_behaviours

DOC = "# Notes\n\n" + "A line of notes that is long enough to fill pages. " * 120 + "\n\nThe end.\n"
EDITS = [DOC.replace("The end.", f"The end, take {n}.") for n in range(1, 6)]


def _session(tmp_path, log_path, **options):
    settings = Settings(log_path=log_path)
    session = open_session(
        settings,
        SessionOptions(**options),
        client=ScriptedClient(),
        behaviours=fake_behaviours(trigger=["edit"], needle="The end."),
    )
    session.open_document(DOC, title="notes")
    return session


async def _edit(chat: HeadlessChat, n: int) -> None:
    chat.session.client.queue(f"The end, take {n}.")
    chat.session.behaviours.locator.needle = chat.session.document.text.rsplit("\n\n", 1)[1].strip()
    await chat.run([f"finish it {n}"])


def _fill_the_disk(log: DecisionLog) -> None:
    pages = log._connection.execute("PRAGMA page_count").fetchone()[0]
    log._connection.execute(f"PRAGMA max_page_count = {pages}")


async def test_a_log_that_cannot_be_opened_leaves_the_session_working(tmp_path):
    (tmp_path / "a-file").write_text("x")
    session = _session(tmp_path, tmp_path / "a-file" / "log.sqlite3")
    assert "Decisions are not being logged: cannot open" in session.log.problem
    out = io.StringIO()
    chat = HeadlessChat(session, out)
    await _edit(chat, 1)
    assert session.document.text == EDITS[0] and "[error]" not in out.getvalue()


def test_the_headless_chat_warns_at_start_when_the_log_cannot_be_opened(tmp_path):
    from click.testing import CliRunner

    from canvas_tui.cli import cli

    (tmp_path / "a-file").write_text("x")
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
            str(tmp_path / "a-file" / "log.sqlite3"),
        ],
        input="/help\n",
    )
    assert "warning: Decisions are not being logged: cannot open" in result.stderr
    assert "Commands (everything else is a chat message)" in result.stdout and result.exit_code == 0


async def test_a_disk_that_fills_mid_session_is_reported_once_and_the_edits_go_on(tmp_path):
    log_path = tmp_path / "log.sqlite3"
    session = _session(tmp_path, log_path)
    out = io.StringIO()
    chat = HeadlessChat(session, out)
    await _edit(chat, 1)
    kept = [record.id for record in session.log.decisions()]
    _fill_the_disk(session.log)
    for n in range(2, 5):
        await _edit(chat, n)
    assert session.document.text == EDITS[3]
    printed = out.getvalue()
    assert printed.count("[warning] Decisions are not being logged: writing") == 1
    assert "database or disk is full" in printed
    session.log.close()
    with sqlite3.connect(log_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    after = [record.id for record in DecisionLog(log_path).decisions()]
    assert after[: len(kept)] == kept and len(after) < 1 + 4 * len(kept)


async def test_a_log_that_turns_read_only_mid_session_is_reported_and_the_edits_go_on(tmp_path):
    session = _session(tmp_path, tmp_path / "log.sqlite3")
    out = io.StringIO()
    chat = HeadlessChat(session, out)
    await _edit(chat, 1)
    session.log._connection.execute("PRAGMA query_only = ON")
    await _edit(chat, 2)
    assert session.document.text == EDITS[1]
    assert "[warning] Decisions are not being logged" in out.getvalue() and "readonly" in out.getvalue()


async def test_a_recording_whose_disk_fills_stops_cleanly_and_stays_readable(tmp_path):
    path = tmp_path / "session.jsonl"
    session = _session(tmp_path, tmp_path / "log.sqlite3", record=path)
    out = io.StringIO()
    chat = HeadlessChat(session, out)
    await _edit(chat, 1)
    session.recorder._file = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closed by the session
    await _edit(chat, 2)
    await chat.run(["/undo", "/redo"])
    assert session.document.text == EDITS[1]
    assert out.getvalue().count("[warning] The session is not being recorded") == 1
    assert "No space left on device" in out.getvalue() and "undone" in out.getvalue()
    versions = [entry.text for entry in load_recording(path).versions]
    assert versions == [DOC, EDITS[0]]


async def test_a_recording_that_cannot_be_created_is_reported_at_the_first_turn(tmp_path):
    (tmp_path / "missing").write_text("a file where a folder should be")
    session = _session(tmp_path, tmp_path / "log.sqlite3", record=tmp_path / "missing" / "x" / "s.jsonl")
    out = io.StringIO()
    await _edit(HeadlessChat(session, out), 1)
    assert session.document.text == EDITS[0]
    assert "[warning] The session is not being recorded: cannot write" in out.getvalue()
