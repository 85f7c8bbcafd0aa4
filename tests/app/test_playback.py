"""Watching a recording in the app: every recorded action is done again and every version matches."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from textual.widgets import Button

from canvas_tui.app import build_app
from canvas_tui.app.screens.confirm import Choice, SaveAs
from canvas_tui.behaviours.defaults import default_behaviours
from canvas_tui.log.recording import load_recording
from canvas_tui.replay.run import prepare_run, report_of
from tests.app.conftest import SIZE

DEMOS = Path(__file__).resolve().parents[2] / "demos"


@pytest.mark.parametrize("name", ["writing", "editing", "code"])
async def test_a_demo_recording_plays_in_the_app_and_reproduces_every_version(name, settings):
    recording = load_recording(DEMOS / f"{name}.jsonl")
    run = prepare_run(recording, settings, behaviours=default_behaviours(), mode="recorded")
    app = build_app(run.session, playback=(recording, run))
    app.replay_delay = 0
    async with app.run_test(size=SIZE) as pilot:
        while app.replaying:
            await pilot.pause(0.05)
        await pilot.pause()
        report = report_of(recording, run, "recorded")
        assert report.ok, report.model_dump_json(indent=1)
        assert run.session.document.text == recording.versions[-1].text
        assert app.canvas.display == run.session.canvas_open
        assert "every version matches" in str(app.query_one("#status-turn").render())


async def test_the_person_cannot_change_the_document_while_a_recording_plays(settings):
    recording = load_recording(DEMOS / "editing.jsonl")
    run = prepare_run(recording, settings, behaviours=default_behaviours(), mode="recorded")
    app = build_app(run.session, playback=(recording, run))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert app.replaying and app.busy("undo")


async def _watch_to_the_end(pilot, app) -> None:
    while app.replaying:
        await pilot.pause(0.05)
    await pilot.pause()


def _watched_copy_of_the_editing_demo(settings, tmp_path, monkeypatch):
    """The editing demo replayed from `tmp_path`, where its recorded file (a relative path) and the person's own
    autosave copy of that file exist; returns the app, the file and the autosave copy."""
    monkeypatch.chdir(tmp_path)
    recording = load_recording(DEMOS / "editing.jsonl")
    opened = next(action.payload for action in recording.actions if action.kind == "open_document")
    recorded_file = tmp_path / opened["path"]
    recorded_file.parent.mkdir(parents=True)
    recorded_file.write_text("the person's own file\n")
    run = prepare_run(recording, settings, behaviours=default_behaviours(), mode="recorded")
    app = build_app(run.session, playback=(recording, run), autosave_interval=0.05)
    app.replay_delay = 0
    own_copy = tmp_path / "data" / "autosave" / f"{recorded_file.stem}-{_path_digest(recorded_file)}.md"
    own_copy.parent.mkdir(parents=True)
    own_copy.write_text("the person's own autosave\n")
    return app, recorded_file, own_copy


def _path_digest(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]


async def test_watching_a_replay_never_writes_the_recorded_file_nor_its_autosave_copy(settings, tmp_path, monkeypatch):
    app, recorded_file, own_copy = _watched_copy_of_the_editing_demo(settings, tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _watch_to_the_end(pilot, app)
        await pilot.pause(0.2)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Choice)
        assert [button.id for button in app.screen.query(Button)] == ["discard", "save", "cancel"]
        await pilot.press("enter")
        assert not app.is_running
    assert recorded_file.read_text() == "the person's own file\n"
    assert own_copy.read_text() == "the person's own autosave\n"
    assert sorted(own_copy.parent.iterdir()) == [own_copy]


async def test_a_replay_is_saved_only_as_a_copy_under_another_name(settings, tmp_path, monkeypatch):
    app, recorded_file, own_copy = _watched_copy_of_the_editing_demo(settings, tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _watch_to_the_end(pilot, app)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveAs)
        suggested = Path(app.screen.query_one("#save-path").value)
        assert suggested == tmp_path / f"{recorded_file.stem}-replayed.md"
        app.screen.query_one("#save-path").value = str(recorded_file)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveAs)
        assert any("never writes over it" in note.message for note in app._notifications)
        app.screen.query_one("#save-path").value = str(suggested)
        await pilot.press("enter")
        assert suggested.read_text() == app.session.document.text
    assert recorded_file.read_text() == "the person's own file\n"
    assert own_copy.read_text() == "the person's own autosave\n"
