"""Eval replay: today's behaviours re-run recorded sessions; changed decisions are found and classified.

Only a regression fails: a decision that now disagrees with the person's correction where the expected
decision agreed with it, or one the person accepted by acting on it. Other differences are changes.
"""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.base import Span
from canvas_tui.data.baselines import load_baseline, save_baseline
from canvas_tui.data.eval_replay import eval_replay, to_markdown
from canvas_tui.log.recording import load_recording
from tests.data_support import DOC, record
from tests.fakes import fake_behaviours


async def essay_closed_then_question_then_edit(session):
    await session.turn("Write an essay about tea")
    session.close_canvas()
    await session.turn("What is the boiling point of water?")
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")


async def essay_worked_on(session):
    await session.turn("Write an essay about tea")
    session.select(Span(start=0, end=5))


@pytest.fixture
async def recording(tmp_path, settings, decision_log):
    path = tmp_path / "session.jsonl"
    bundle = fake_behaviours(trigger=["canvas", "inline", "edit"], needle="We ship on Monday.")
    await record(
        path,
        settings,
        decision_log,
        ["# Tea\n\nTea is good.", "100 °C at sea level.", "We ship on Tuesday."],
        bundle,
        essay_closed_then_question_then_edit,
    )
    return load_recording(path)


def by_behaviour(report):
    return [(d.behaviour, d.status) for d in report.diffs]


async def test_unchanged_behaviours_repeat_every_decision_and_the_corrected_one_stays_wrong(recording, settings):
    report = await eval_replay(
        recording, settings, fake_behaviours(trigger=["canvas", "inline", "edit"], needle="We ship on Monday.")
    )
    assert by_behaviour(report) == [
        ("trigger", "still_wrong"),
        ("trigger", "same"),
        ("router", "same"),
        ("locate", "same"),
        ("policy", "same"),
        ("edit", "same"),
    ]
    assert not report.failed


async def test_a_trigger_that_now_answers_inline_fixes_the_closed_canvas_and_changes_the_untouched_answer(
    recording, settings
):
    report = await eval_replay(
        recording, settings, fake_behaviours(trigger=["inline", "canvas", "edit"], needle="We ship on Monday.")
    )
    fixed, changed = report.diffs[0], report.diffs[1]
    assert (fixed.status, fixed.recorded, fixed.now, fixed.person) == ("fixed", "canvas", "inline", "inline")
    assert (changed.status, changed.recorded, changed.now) == ("changed", "inline", "canvas")
    assert not report.failed


async def test_a_locator_that_now_picks_another_part_is_a_change_in_the_report_not_a_failure(recording, settings):
    report = await eval_replay(
        recording, settings, fake_behaviours(trigger=["canvas", "inline", "edit"], needle="The budget is small.")
    )
    [locate] = [d for d in report.diffs if d.behaviour == "locate"]
    start = DOC.index("We ship")
    assert locate.status == "changed" and locate.recorded == f"[{start}, {start + 18})"
    markdown = to_markdown([report])
    assert "| locate |" in markdown and "changed" in markdown and "| trigger | What is" not in markdown
    assert not report.failed


async def test_a_canvas_the_person_worked_in_that_would_now_not_open_is_a_regression(tmp_path, settings, decision_log):
    path = tmp_path / "worked.jsonl"
    await record(
        path, settings, decision_log, ["# Tea\n\nTea is good."], fake_behaviours(trigger=["canvas"]), essay_worked_on
    )
    report = await eval_replay(load_recording(path), settings, fake_behaviours(trigger=["inline"]))
    assert by_behaviour(report)[0] == ("trigger", "regressed") and report.failed


async def test_after_a_rebaseline_breaking_the_fix_again_regresses_against_the_persons_correction(recording, settings):
    fixed = await eval_replay(
        recording, settings, fake_behaviours(trigger=["inline", "inline", "edit"], needle="We ship on Monday.")
    )
    written = save_baseline(recording.path, fixed.decided_now, "the trigger now answers short essays inline")
    assert load_baseline(recording.path).history[-1].reason == "the trigger now answers short essays inline"
    assert written.name == "session.baseline.json"
    again = await eval_replay(
        recording, settings, fake_behaviours(trigger=["inline", "inline", "edit"], needle="We ship on Monday.")
    )
    assert set(again.counts) == {"same"} and again.baseline == "the trigger now answers short essays inline"
    broken = await eval_replay(
        recording, settings, fake_behaviours(trigger=["canvas", "inline", "edit"], needle="We ship on Monday.")
    )
    first = broken.diffs[0]
    assert (first.status, first.recorded, first.now, first.person) == ("regressed", "inline", "canvas", "inline")
    assert broken.failed
