"""`canvas-tui replay` and `canvas-tui eval replay` on a recording: exit codes and what they print."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from tests.data_support import DOC, record
from tests.fakes import fake_behaviours


async def edit_then_undo(session):
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    session.undo()


@pytest.fixture
async def recording(tmp_path, settings, decision_log):
    path = tmp_path / "session.jsonl"
    await record(
        path,
        settings,
        decision_log,
        ["We ship on Tuesday."],
        fake_behaviours(trigger=["edit"], needle="We ship on Monday."),
        edit_then_undo,
    )
    return path


def test_replay_prints_the_session_and_a_match_for_every_version(recording):
    result = CliRunner().invoke(cli, ["replay", str(recording), "--headless"])
    assert result.exit_code == 0, result.output
    assert '» message "change Monday to Tuesday"' in result.output and "+We ship on Tuesday." in result.output
    assert "3 of 3 versions match byte for byte" in result.output


def test_replay_exits_1_when_a_version_differs(recording):
    lines = recording.read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    last = max(i for i, entry in enumerate(entries) if entry["type"] == "version")
    entries[last]["text"] += "tampered"
    recording.write_text("\n".join(json.dumps(entry) for entry in entries) + "\n")
    result = CliRunner().invoke(cli, ["replay", str(recording), "--quiet"])
    assert result.exit_code == 1
    assert "mismatch (first difference at character" in result.output


def test_replay_of_something_that_is_not_a_recording_exits_2_in_plain_words(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text('{"hello": "world"}\n')
    result = CliRunner().invoke(cli, ["replay", str(path)])
    assert result.exit_code == 2 and "not a canvas-tui recording" in result.output


def test_eval_replay_takes_a_folder_and_eval_of_a_behaviour_still_dispatches(recording):
    result = CliRunner().invoke(cli, ["eval", "replay", str(recording.parent), "--json"])
    [report] = json.loads(result.output)
    assert report["recording"] == str(recording) and report["diffs"][0]["behaviour"] == "router"
    usage = CliRunner().invoke(cli, ["eval", "no-such-behaviour"])
    assert usage.exit_code == 2 and "no-such-behaviour" in usage.output and "trigger" in usage.output


def test_eval_replay_numbers_turns_from_1_in_json_as_in_text_and_says_an_undone_edit_was_undone(recording):
    [report] = json.loads(CliRunner().invoke(cli, ["eval", "replay", str(recording), "--json"]).output)
    [edit] = [diff for diff in report["diffs"] if diff["behaviour"] == "edit"]
    assert (edit["turn"], edit["person"], edit["status"]) == (1, "undone", "still_wrong")
    text = CliRunner().invoke(cli, ["eval", "replay", str(recording)]).output
    assert "| 1 | edit | change Monday to Tuesday | applied | applied | undone | still_wrong |" in text


def test_eval_replay_of_a_folder_without_recordings_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["eval", "replay", str(tmp_path / "empty")])
    assert result.exit_code == 2 and f"no recordings (.jsonl) found in {tmp_path / 'empty'}" in result.output


def test_rebaseline_stores_todays_decisions_with_the_reason_and_later_runs_compare_with_them(recording):
    result = CliRunner().invoke(cli, ["eval", "replay", str(recording), "--rebaseline", "new locator rules"])
    assert result.exit_code == 0, result.output
    baseline = json.loads(recording.with_name("session.baseline.json").read_text())
    assert [entry["reason"] for entry in baseline["history"]] == ["new locator rules"]
    again = CliRunner().invoke(cli, ["eval", "replay", str(recording)])
    assert again.exit_code == 0 and "last re-baselined: new locator rules" in again.output


def test_strict_eval_replay_fails_on_a_change_nobody_re_baselined_and_passes_once_it_is(recording):
    CliRunner().invoke(cli, ["eval", "replay", str(recording), "--rebaseline", "recorded"])
    path = recording.with_name("session.baseline.json")
    baseline = json.loads(path.read_text())
    baseline["turns"][0]["decisions"]["router#0"]["label"] = "chat"  # expected once, decided differently now
    path.write_text(json.dumps(baseline))
    lenient = CliRunner().invoke(cli, ["eval", "replay", str(recording)])
    assert lenient.exit_code == 0 and "changed" in lenient.output
    strict = CliRunner().invoke(cli, ["eval", "replay", str(recording), "--strict"])
    assert strict.exit_code == 1 and "1 decision(s) differ" in strict.output and "--rebaseline" in strict.output
    CliRunner().invoke(cli, ["eval", "replay", str(recording), "--rebaseline", "the router routes edits again"])
    assert CliRunner().invoke(cli, ["eval", "replay", str(recording), "--strict"]).exit_code == 0


def test_rebaseline_without_a_reason_is_a_usage_error_and_writes_nothing(recording):
    result = CliRunner().invoke(cli, ["eval", "replay", str(recording), "--rebaseline", "  "])
    assert result.exit_code == 2 and "reason" in result.output
    assert not recording.with_name("session.baseline.json").exists()


def test_an_unreadable_baseline_is_refused_in_plain_words(recording):
    recording.with_name("session.baseline.json").write_bytes(b"\xff\xfe not json")
    result = CliRunner().invoke(cli, ["eval", "replay", str(recording)])
    assert result.exit_code == 2 and "cannot read baseline" in result.output
