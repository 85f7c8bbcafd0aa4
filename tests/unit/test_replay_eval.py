"""Eval replay: today's behaviours re-run recorded sessions; changed decisions are found and classified."""

from __future__ import annotations

import pytest

from canvas_tui.data.eval_replay import eval_replay, to_markdown
from canvas_tui.data.recordings import load_recording
from tests.data_support import DOC, record
from tests.fakes import fake_behaviours


async def essay_closed_then_question_then_edit(session):
    await session.turn("Write an essay about tea")
    session.close_canvas()
    await session.turn("What is the boiling point of water?")
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")


@pytest.fixture
async def recording(tmp_path, settings, decision_log):
    path = tmp_path / "session.jsonl"
    bundle = fake_behaviours(trigger=["canvas", "inline", "edit"], needle="We ship on Monday.")
    await record(path, settings, decision_log, ["# Tea\n\nTea is good.", "100 °C at sea level.", "We ship on Tuesday."],
                 bundle, essay_closed_then_question_then_edit)
    return load_recording(path)


def by_behaviour(report):
    return [(d.behaviour, d.status) for d in report.diffs]


async def test_unchanged_behaviours_repeat_every_decision_and_the_corrected_one_stays_wrong(recording, settings):
    report = await eval_replay(recording, settings, fake_behaviours(trigger=["canvas", "inline", "edit"],
                                                                    needle="We ship on Monday."))
    assert by_behaviour(report) == [("trigger", "still_wrong"), ("trigger", "same"), ("router", "same"),
                                    ("locate", "same"), ("policy", "same"), ("edit", "same")]
    assert not report.failed


async def test_a_trigger_that_now_answers_inline_fixes_the_closed_canvas_and_regresses_the_question(
        recording, settings):
    report = await eval_replay(recording, settings, fake_behaviours(trigger=["inline", "canvas", "edit"],
                                                                    needle="We ship on Monday."))
    fixed, regressed = report.diffs[0], report.diffs[1]
    assert (fixed.status, fixed.recorded, fixed.now, fixed.person) == ("fixed", "canvas", "inline", "inline")
    assert (regressed.status, regressed.recorded, regressed.now) == ("regressed", "inline", "canvas")
    assert report.failed


async def test_a_locator_that_now_picks_another_part_is_a_regression_in_the_report(recording, settings):
    report = await eval_replay(recording, settings, fake_behaviours(trigger=["canvas", "inline", "edit"],
                                                                    needle="The budget is small."))
    [locate] = [d for d in report.diffs if d.behaviour == "locate"]
    start = DOC.index("We ship")
    assert locate.status == "regressed" and locate.recorded == f"[{start}, {start + 18})"
    markdown = to_markdown([report])
    assert "| locate |" in markdown and "regressed" in markdown and "| trigger | What is" not in markdown
