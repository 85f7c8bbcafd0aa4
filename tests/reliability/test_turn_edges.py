"""Edge cases the reply fuzzing found, kept as readable regression tests."""

from __future__ import annotations

import json

from canvas_tui.behaviours.base import Span
from canvas_tui.log.recording import load_recording
from tests.reliability.support import Snapshot, assert_turn_kept_the_document_valid, fuzz_session

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n"


async def test_a_reply_with_broken_utf8_is_logged_with_replacement_characters(tmp_path):
    session = fuzz_session("edit", DOC)
    session.behaviours.locator.span = Span(start=8, end=26)
    session.client.queue("We ship on \ud800Tuesday.")
    result = await session.turn("change Monday to Tuesday")
    assert result.kind == "edit" and result.document_changed
    assert "We ship on \ufffdTuesday." in session.document.text
    assert next(session.log.decisions(behaviour="edit")).raw_reply == "We ship on \ufffdTuesday."


async def test_a_comment_reply_with_an_escaped_lone_surrogate_is_refused_as_unreadable():
    session = fuzz_session("comment", DOC)
    reply = json.dumps({"comments": [{"quote": "We ship on Monday.", "comment": "when\ud83d?"}]})
    session.client.queue(reply, reply)
    result = await session.turn("critique this")
    assert session.document.comments == [] and "could not be read" in result.notices[0].message
    assert next(session.log.decisions(behaviour="comment")).fallback


async def test_a_message_with_broken_utf8_from_a_terminal_is_a_normal_turn(tmp_path):
    from canvas_tui.log.recording import HeaderEntry, RecordingWriter

    session = fuzz_session("chat")
    session.recorder = RecordingWriter(tmp_path / "r.jsonl", HeaderEntry(session_id="s", backend="scripted", model="m"))
    session.client.queue("Hello.")
    result = await session.turn("caf\udce9 ?")
    assert result.kind == "chat" and result.reply == "Hello."
    message = [entry for entry in load_recording(tmp_path / "r.jsonl").actions if entry.kind == "message"]
    assert message[0].payload["text"] == "caf\ufffd ?"


async def test_a_selection_past_the_end_of_the_text_is_cut_to_the_text():
    session = fuzz_session("edit", DOC)
    session.client.queue("Everyone helps a lot.")
    before = Snapshot.of(session.document)
    start = DOC.index("Everyone")
    result = await session.turn("expand this", selection=Span(start=start, end=len(DOC) + 40))
    assert_turn_kept_the_document_valid(session, before, result)
    assert session.document.text == DOC[:start] + "Everyone helps a lot."
