"""Eval replay compares comments as a set of anchored spans with remarks, not by their count; what the
person did to a recorded comment (applied, dismissed) weighs on the comment proposed at its place now."""

from __future__ import annotations

from canvas_tui.behaviours.base import Span
from canvas_tui.data.acceptance import person_verdicts
from canvas_tui.data.comment_sets import AnchoredRemark, PersonOnComments, comments_of, compare_comments
from canvas_tui.data.eval_replay import compare
from canvas_tui.log.recording import (
    ActionEntry,
    CorrectionEntry,
    DecisionEntry,
    HeaderEntry,
    RecordingWriter,
    VersionEntry,
    load_recording,
)
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

NOBODY = PersonOnComments()


def remark(start: int, end: int, text: str = "vague") -> AnchoredRemark:
    return AnchoredRemark(span=Span(start=start, end=end), remark=text)


def statuses(diffs) -> list[str]:
    return [diff.status for diff in diffs]


def test_two_recorded_comments_and_five_now_at_new_places_are_new_comments_not_a_regression():
    then = [remark(0, 50), remark(100, 150)]
    now = [remark(0, 48), remark(102, 150), remark(200, 240), remark(300, 340), remark(400, 440)]
    assert statuses(compare_comments(then, now, NOBODY)) == ["same", "same", "new", "new", "new"]


def test_a_comment_at_the_same_place_with_another_remark_is_changed_and_one_no_longer_made_is_missing():
    diffs = compare_comments([remark(0, 50), remark(100, 150)], [remark(10, 50, "wordy")], NOBODY)
    assert statuses(diffs) == ["changed", "missing"] and diffs[0].now.remark == "wordy"


def test_spans_that_barely_touch_are_different_places():
    assert statuses(compare_comments([remark(0, 100)], [remark(90, 190)], NOBODY)) == ["missing", "new"]


def test_dropping_a_comment_the_person_applied_is_a_regression_and_keeping_it_is_not():
    person = PersonOnComments(applied=[Span(start=0, end=50)])
    assert statuses(compare_comments([remark(0, 50)], [], person)) == ["regressed"]
    assert statuses(compare_comments([remark(0, 50)], [remark(0, 50)], person)) == ["same"]


def test_a_dismissed_comment_counts_against_a_proposer_that_repeats_it_and_for_one_that_drops_it():
    person = PersonOnComments(dismissed=[Span(start=0, end=50)])
    assert statuses(compare_comments([remark(0, 50)], [remark(5, 50, "other words")], person)) == ["still_wrong"]
    assert statuses(compare_comments([remark(0, 50)], [], person)) == ["fixed"]
    assert statuses(compare_comments([], [remark(0, 45)], person)) == ["still_wrong"]


def _decision(behaviour: str, output: dict, turn: str = "t1", **extra) -> DecisionRecord:
    return DecisionRecord(
        session_id="s",
        turn_id=turn,
        behaviour=behaviour,
        implementation="x",
        version="1",
        input={"request": "critique this"},
        output=output,
        **extra,
    )


def _anchor(start: int | None, turn: str = "t1") -> DecisionRecord:
    span = {"start": start, "end": start + 10} if start is not None else None
    return _decision("anchor", {"span": span, "score": 1.0, "ambiguous": False, "method": "exact"}, turn)


def _comment_turn(turn: str = "t1") -> list[DecisionRecord]:
    comments = [
        {"quote": q, "comment": c, "suggestion": None}
        for q, c in [("a", "first"), ("nowhere", "lost"), ("b", "second"), ("c", "third")]
    ]
    return [
        _decision("comment", {"comments": comments}, turn),
        _anchor(0, turn),
        _anchor(None, turn),
        _anchor(20, turn),
        _anchor(40, turn),
    ]


def test_unanchored_proposals_were_never_shown_and_are_left_out():
    shown = comments_of(_comment_turn())
    assert [(c.span.start, c.remark) for c in shown] == [(0, "first"), (20, "second"), (40, "third")]


def _recording(tmp_path, entries) -> object:
    path = tmp_path / "comments.jsonl"
    writer = RecordingWriter(path, HeaderEntry(session_id="s", backend="local", model="m"))
    for entry in entries:
        writer.write(entry)
    writer.close()
    return load_recording(path)


def test_an_applied_comment_is_named_by_its_number_in_the_document_and_a_dismissed_one_by_its_anchor(tmp_path):
    decisions = _comment_turn()
    dismissal = CorrectionRecord(session_id="s", kind="comment_dismissed", decision_id=decisions[4].id)
    recording = _recording(
        tmp_path,
        [
            VersionEntry(number=0, author="file", summary="opened", text="x" * 100),
            ActionEntry(kind="message", payload={"text": "critique this"}),
            *(DecisionEntry(record=record) for record in decisions),
            ActionEntry(kind="apply_comment", payload={"id": "c2"}),
            ActionEntry(kind="dismiss_comment", payload={"id": "c3"}),
            CorrectionEntry(record=dismissal),
        ],
    )
    verdicts = person_verdicts(recording)
    assert verdicts.applied_anchors == {decisions[3].id} and verdicts.dismissed_anchors == {decisions[4].id}
    now = [_decision("comment", {"comments": [{"quote": "c", "comment": "third"}]}, "n1"), _anchor(40, "n1")]
    diffs = [(d.recorded, d.status, d.person) for d in compare(recording, now) if d.behaviour == "comment"]
    assert diffs == [
        ("[40, 50) 'third'", "still_wrong", "dismissed"),
        ("[0, 10) 'first'", "missing", None),
        ("[20, 30) 'second'", "regressed", "applied"),
    ]
