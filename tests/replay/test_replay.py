"""Replay: a recorded session re-runs offline and reproduces every document version byte for byte."""

from __future__ import annotations

import io
import json

import pytest

from canvas_tui.behaviours.base import Span
from canvas_tui.headless import HeadlessChat
from canvas_tui.llm.backends import make_client
from canvas_tui.log.recording import RecordingError, load_recording
from canvas_tui.replay.recorded import RecordedDecisions
from canvas_tui.replay.run import replay
from tests.data_support import DOC, heading_renamed_by_name, record
from tests.fakes import fake_behaviours

COMMENTS = json.dumps(
    {
        "comments": [
            {"quote": "We ship on Tuesday.", "comment": "Which Tuesday?"},
            {"quote": "The budget is tiny.", "comment": "How tiny?", "suggestion": "The budget is 5,000 euros."},
        ]
    }
)
REPLIES = ["We ship on Tuesday.", "The budget is tiny.", COMMENTS, "We ship Monday."]
TRIGGER = ["edit", "edit", "comment", "edit"]


def behaviours():
    return fake_behaviours(trigger=list(TRIGGER), needle="We ship on Monday.", policy="rewrite")


async def every_action(session):
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    session.undo()
    session.redo()
    budget = Span(start=session.document.text.index("The budget"), end=session.document.text.index("small.") + 6)
    session.select(budget)
    await session.turn("make this punchier", selection=budget)
    session.user_edit(session.document.text.replace("Everyone helps.", "All hands."))
    await session.turn("critique this")
    session.dismiss_comment("c1")
    session.apply_comment("c2")
    session.restore(0)
    await session.quick_action("Make it shorter")
    session.close_canvas()
    session.open_canvas()


@pytest.fixture
async def recording(tmp_path, settings, decision_log):
    path = tmp_path / "session.jsonl"
    session = await record(path, settings, decision_log, list(REPLIES), behaviours(), every_action)
    assert session.document.text == DOC.replace("We ship on Monday.", "We ship Monday.")
    return path


async def test_every_kind_of_action_replays_to_the_same_documents_byte_for_byte(recording, settings):
    loaded = load_recording(recording)
    report = await replay(loaded, settings, behaviours=fake_behaviours())
    assert report.ok, report
    assert len(report.versions) == len(loaded.versions) >= 8
    assert {check.status for check in report.versions} == {"match"}
    assert report.recorded_decisions_served > 0


async def test_the_current_behaviours_replay_the_same_session_when_they_have_not_changed(recording, settings):
    report = await replay(load_recording(recording), settings, mode="current", behaviours=behaviours())
    assert report.ok, report


async def test_a_quick_action_replays_as_one_turn(recording, settings):
    loaded = load_recording(recording)
    kinds = [action.kind for action in loaded.actions]
    assert kinds[-4:] == ["quick_action", "message", "close_canvas", "open_canvas"]
    report = await replay(loaded, settings, behaviours=fake_behaviours())
    assert report.actions == len(kinds) - 1


async def test_a_document_that_differs_from_the_recording_is_a_mismatch_at_its_first_different_character(
    recording, settings
):
    lines = recording.read_text().splitlines()
    last_version = max(i for i, line in enumerate(lines) if json.loads(line)["type"] == "version")
    entry = json.loads(lines[last_version])
    entry["text"] = entry["text"].replace("Monday", "Sunday")
    lines[last_version] = json.dumps(entry)
    recording.write_text("\n".join(lines) + "\n")
    report = await replay(load_recording(recording), settings, behaviours=fake_behaviours())
    assert not report.ok
    [bad] = [check for check in report.versions if check.status != "match"]
    assert bad.status == "mismatch" and bad.first_difference == entry["text"].index("Sunday")


async def test_a_locator_question_and_its_answer_replay(tmp_path, settings, decision_log):
    other = Span(start=DOC.index("The budget"), end=DOC.index("The budget") + 20)

    async def ask_and_answer(session):
        session.open_document(DOC, title="plan")
        await session.turn("shorten that paragraph")
        await session.turn("2")

    bundle = fake_behaviours(trigger=["edit"], needle="We ship on Monday. Everyone helps.", ambiguous_with=[other])
    path = tmp_path / "question.jsonl"
    await record(path, settings, decision_log, ["The budget is tiny."], bundle, ask_and_answer)
    report = await replay(load_recording(path), settings, behaviours=fake_behaviours())
    assert report.ok and [check.status for check in report.versions] == ["match", "match"]


def _as_schema_0(path, drop_text=False):
    lines = []
    for line in path.read_text().splitlines():
        entry = json.loads(line)
        if entry["type"] == "header":
            del entry["schema_version"]
        if entry["type"] == "action":
            entry["action"], entry["data"] = entry.pop("kind"), entry.pop("payload")
        if entry["type"] == "version" and drop_text:
            del entry["text"]
        lines.append(json.dumps(entry))
    path.write_text("\n".join(lines) + "\n")


async def test_a_schema_0_recording_is_upgraded_and_replays(recording, settings):
    _as_schema_0(recording)
    loaded = load_recording(recording)
    assert loaded.written_schema == 0 and loaded.actions[0].kind == "open_document"
    assert (await replay(loaded, settings, behaviours=fake_behaviours())).ok


def test_the_replay_backend_reads_a_schema_0_recording_through_the_one_upgrading_reader(recording, settings):
    _as_schema_0(recording)
    client = make_client(settings.model_copy(update={"backend": "replay", "replay_file": recording}))
    assert client.backend == "replay"
    assert list(client.replies) == [exchange.reply for exchange in load_recording(recording).exchanges] == REPLIES


def test_a_schema_0_recording_without_version_texts_is_refused_in_plain_words(recording):
    _as_schema_0(recording, drop_text=True)
    with pytest.raises(RecordingError, match="without its text"):
        load_recording(recording)


def test_a_recording_from_a_newer_schema_is_refused_in_plain_words(recording):
    lines = recording.read_text().splitlines()
    header = json.loads(lines[0]) | {"schema_version": 99}
    recording.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    with pytest.raises(RecordingError, match="newer canvas-tui"):
        load_recording(recording)


async def test_the_headless_quick_command_records_a_quick_action_that_replays(tmp_path, settings, decision_log):
    out = io.StringIO()

    async def quick(session):
        session.open_document(DOC, title="plan")
        await HeadlessChat(session, out).run(["/quick make it shorter", "/quick no such action"])

    path = tmp_path / "quick.jsonl"
    await record(
        path,
        settings,
        decision_log,
        ["We ship Monday."],
        fake_behaviours(trigger=["edit"], needle="We ship on Monday."),
        quick,
    )
    assert "no quick action named 'no such action'" in out.getvalue()
    loaded = load_recording(path)
    assert [action.kind for action in loaded.actions] == ["open_document", "quick_action", "message"]
    assert loaded.actions[2].payload["text"] == "Make the whole document shorter, keeping its meaning."
    assert (await replay(loaded, settings, behaviours=fake_behaviours())).ok


async def test_a_place_the_request_named_is_never_served_as_the_locators_answer(settings, decision_log):
    await heading_renamed_by_name(settings, decision_log)
    located, named = [d for d in decision_log.decisions() if d.behaviour == "locate"]
    assert RecordedDecisions.key_of(located) is not None and RecordedDecisions.key_of(named) is None
