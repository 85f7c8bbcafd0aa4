"""The recorded demos (real local model, default behaviours) replay offline, byte for byte."""

from __future__ import annotations

import pytest

from canvas_tui.data.recordings import load_recording
from canvas_tui.data.replay import replay
from canvas_tui.paths import PROJECT_ROOT

DEMOS = sorted((PROJECT_ROOT / "demos").glob("*.jsonl"))


def test_there_are_demos_of_writing_editing_and_code():
    assert {path.stem for path in DEMOS} >= {"writing", "editing", "code"}


LOOPING = pytest.mark.xfail(strict=True, reason="issue 14: writing.jsonl records the embedded model looping (one paragraph "
                            "eight times); the repetition guard now cuts the essay before the repeat, so this demo "
                            "must be recorded again")


@pytest.mark.parametrize("path", [pytest.param(path, marks=LOOPING) if path.stem == "writing" else path for path in DEMOS],
                         ids=[path.stem for path in DEMOS])
async def test_a_demo_replays_to_the_recorded_documents_byte_for_byte(path, settings):
    recording = load_recording(path)
    assert recording.header.backend == "local"
    report = await replay(recording, settings)
    assert report.ok, report
    assert report.versions and report.recorded_decisions_served > 0
