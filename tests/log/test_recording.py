"""Recordings: versioned, durable line by line, readable up to the last complete line, clear about bad files."""

from __future__ import annotations

import json

import pytest

from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.recording import (
    SCHEMA_VERSION,
    ActionEntry,
    DecisionEntry,
    ExchangeEntry,
    HeaderEntry,
    RecordingError,
    RecordingWriter,
    VersionEntry,
    load_recording,
)
from canvas_tui.session import Session
from tests.fakes import fake_behaviours


async def test_a_session_records_actions_exchanges_decisions_and_versions(tmp_path, settings, decision_log):
    path = tmp_path / "session.jsonl"
    recorder = RecordingWriter(path, HeaderEntry(session_id="s", backend="scripted", model="scripted"))
    session = Session(
        ScriptedClient(["# Tea\n\nHot."]),
        fake_behaviours(trigger=["canvas"]),
        decision_log,
        settings,
        recorder=recorder,
        session_id="s",
    )
    await session.turn("Write about tea")
    kinds = [type(entry) for entry in load_recording(path).entries]
    assert kinds == [HeaderEntry, ActionEntry, DecisionEntry, ExchangeEntry, VersionEntry]
    assert load_recording(path).exchanges[0].reply == "# Tea\n\nHot."


def test_a_torn_last_line_from_a_killed_writer_is_ignored(tmp_path):
    path = tmp_path / "r.jsonl"
    writer = RecordingWriter(path, HeaderEntry(session_id="s", backend="b", model="m"))
    writer.write(ActionEntry(kind="undo"))
    with path.open("a") as file:
        file.write('{"type": "action", "kind": "und')
    assert [type(e) for e in load_recording(path).entries] == [HeaderEntry, ActionEntry]


def test_a_recording_from_a_newer_schema_fails_with_a_clear_message(tmp_path):
    path = tmp_path / "r.jsonl"
    header = HeaderEntry(session_id="s", backend="b", model="m").model_dump(mode="json")
    path.write_text(json.dumps(header | {"schema_version": SCHEMA_VERSION + 1}) + "\n")
    with pytest.raises(RecordingError, match="newer canvas-tui"):
        load_recording(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"type": "action", "kind": "undo"}\n', "no header"),
        (
            '{"type": "header", "session_id": "s", "backend": "b", "model": "m"}\nnot json\n{"type": "action", "kind": "undo"}\n',
            "line 2",
        ),
    ],
)
def test_a_file_that_is_not_a_recording_fails_with_the_reason(tmp_path, content, message):
    path = tmp_path / "r.jsonl"
    path.write_text(content)
    with pytest.raises(RecordingError, match=message):
        load_recording(path)


def test_a_line_of_an_old_recording_that_is_not_an_object_is_a_clear_error_not_a_crash(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"type": "header", "session_id": "s", "backend": "b", "model": "m"}\n[1, 2]\n{"type": "action", '
        '"action": "undo"}\n'
    )
    with pytest.raises(RecordingError, match="line 2: not a recording entry"):
        load_recording(path)


def test_a_deeply_nested_line_is_a_clear_error_not_a_crash(tmp_path):
    path = tmp_path / "r.jsonl"
    header = HeaderEntry(session_id="s", backend="b", model="m").model_dump_json()
    path.write_text(header + "\n" + "[" * 100_000 + "\n" + '{"type": "action", "kind": "undo"}\n')
    with pytest.raises(RecordingError, match="line 2"):
        load_recording(path)
