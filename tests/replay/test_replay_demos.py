"""The recorded demos (real local model, default behaviours) replay offline, byte for byte, and stay
trustworthy eval fixtures: today's behaviours re-run them with no regression, and a real one fails."""

from __future__ import annotations

from dataclasses import replace

import pytest

from canvas_tui.behaviours.defaults import default_behaviours
from canvas_tui.data.eval_replay import eval_replay
from canvas_tui.log.recording import load_recording
from canvas_tui.paths import PROJECT_ROOT
from canvas_tui.replay.run import replay
from tests.fakes import FakeTrigger

DEMOS = sorted((PROJECT_ROOT / "demos").glob("*.jsonl"))


def test_there_are_demos_of_writing_editing_and_code():
    assert {path.stem for path in DEMOS} >= {"writing", "editing", "code"}


@pytest.mark.parametrize("path", DEMOS, ids=[path.stem for path in DEMOS])
async def test_a_demo_replays_to_the_recorded_documents_byte_for_byte(path, settings):
    recording = load_recording(path)
    assert recording.header.backend == "local"
    report = await replay(recording, settings)
    assert report.ok, report
    assert report.versions and report.recorded_decisions_served > 0


@pytest.mark.parametrize("path", DEMOS, ids=[path.stem for path in DEMOS])
async def test_todays_behaviours_rerun_a_demo_without_a_regression(path, settings):
    report = await eval_replay(load_recording(path), settings, default_behaviours(settings.policy_threshold))
    assert not report.failed, [diff for diff in report.diffs if diff.status == "regressed"]
    assert not report.problems


async def test_a_trigger_that_would_answer_the_essay_request_inline_regresses_the_writing_demo(settings):
    inline = replace(default_behaviours(settings.policy_threshold), trigger=FakeTrigger(["inline"]))
    report = await eval_replay(load_recording(PROJECT_ROOT / "demos" / "writing.jsonl"), settings, inline)
    first = report.diffs[0]
    assert (first.recorded, first.now, first.status) == ("canvas", "inline", "regressed") and report.failed
