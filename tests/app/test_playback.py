"""Watching a recording in the app: every recorded action is done again and every version matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_tui.app import build_app
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
