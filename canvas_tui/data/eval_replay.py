"""Eval replay: re-run recorded sessions with today's behaviours and report, decision by decision,
where they now decide differently from what is expected (the recording, or its baseline after an
intended change) and from what the person said.

Statuses:
- `same`: agrees with the expected decision;
- `changed`: differs from a decision the person never corrected nor acted on (worth a look, not a failure);
- `regressed`: disagrees with what the person's correction said where the expected decision agreed
  with it, or differs from a decision the person accepted by acting on it (see `acceptance`), or drops
  a comment the person applied; the only failing status;
- `fixed`: now agrees with the person's correction (or drops a comment the person dismissed);
- `still_wrong`: repeats a decision the person corrected (or a comment the person dismissed);
- `missing` / `new`: expected and not made now / made now and not expected, neither corrected nor acted on.

Comments are compared as a set of anchored spans with remarks (`comment_sets`), not by their count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Literal

from pydantic import BaseModel, Field

from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.data.acceptance import COMMENT_BEHAVIOURS, PersonVerdicts, person_verdicts
from canvas_tui.data.baselines import Baseline, BaselineTurn, load_baseline
from canvas_tui.data.comment_sets import CommentDiff, PersonOnComments, comments_of, compare_comments, near
from canvas_tui.data.outcomes import Outcome, expected_by, outcome_of
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.recording import DecisionEntry, Recording
from canvas_tui.log.records import CorrectionRecord, DecisionRecord, standing
from canvas_tui.replay.run import run_recording
from canvas_tui.text import one_line

Status = Literal["same", "changed", "regressed", "fixed", "still_wrong", "missing", "new"]
FAILING: set[str] = {"regressed"}
UNEXPLAINED: set[str] = {"changed", "fixed", "missing", "new"}
"""Statuses that differ from the expected decision: under `--strict` each needs a re-baseline that says why."""


class DecisionDiff(BaseModel):
    """One decision position (turn, behaviour, n-th of that behaviour in the turn, or one comment):
    expected, now, and the person (what their correction says it should be, or what they did: `undone`...)."""

    turn: int
    """The turn's number in the recording, counted from 1 (as in the text report)."""
    message: str | None
    behaviour: str
    recorded: str | None
    now: str | None
    person: str | None
    status: Status


class EvalReplayReport(BaseModel):
    """Every decision position of one recording, with its status, and today's decisions (for re-baselining)."""

    recording: str
    diffs: list[DecisionDiff]
    problems: list[str]
    baseline: str | None = None
    decided_now: list[BaselineTurn] = Field(default_factory=list, exclude=True)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(diff.status for diff in self.diffs))

    @property
    def failed(self) -> bool:
        """A decision regressed (see the module doc); changes alone do not fail."""
        return any(diff.status in FAILING for diff in self.diffs)

    @property
    def unexplained(self) -> int:
        """How many decisions differ from the expected ones without a re-baseline saying why."""
        return sum(diff.status in UNEXPLAINED for diff in self.diffs)


def turns_of(records: list[DecisionRecord]) -> list[list[DecisionRecord]]:
    """Decisions grouped by turn, in order of appearance."""
    turns: dict[str | None, list[DecisionRecord]] = {}
    for record in records:
        turns.setdefault(record.turn_id, []).append(record)
    return list(turns.values())


def _keyed(records: list[DecisionRecord]) -> dict[str, DecisionRecord]:
    """A turn's non-comment decisions by `behaviour#occurrence`."""
    keyed: dict[str, DecisionRecord] = {}
    for record in records:
        if record.behaviour not in COMMENT_BEHAVIOURS:
            occurrence = sum(1 for key in keyed if key.startswith(record.behaviour + "#"))
            keyed[f"{record.behaviour}#{occurrence}"] = record
    return keyed


def expected_turn(records: list[DecisionRecord]) -> BaselineTurn:
    """What one turn decided, in the form a baseline keeps (no decision ids: they differ from run to run)."""
    return BaselineTurn(
        decisions={key: outcome_of(r) for key, r in _keyed(records).items()},
        comments=[c.model_copy(update={"anchor_id": None}) for c in comments_of(records)],
    )


class _Judged(BaseModel):
    """What the person said about one recorded decision: corrections, what they point to, acceptance."""

    recorded: Outcome | None = None
    person: Outcome | None = None
    corrected: bool = False
    accepted: bool = False
    said: str | None = None
    """The person's word on it for the report: the outcome they pointed to, or what they did (`undone`)."""


def _status(expected: Outcome | None, now: Outcome | None, judged: _Judged) -> Status:
    if expected is None:
        return "new"
    if now is None:
        return "regressed" if judged.accepted or (judged.person and expected.agrees(judged.person)) else "missing"
    if judged.person is not None:
        if now.agrees(judged.person):
            return "same" if expected.agrees(judged.person) else "fixed"
        if expected.agrees(judged.person):
            return "regressed"
        return "still_wrong" if now.agrees(expected) else "changed"
    if judged.corrected and judged.recorded is not None and now.agrees(judged.recorded):
        return "still_wrong"
    if now.agrees(expected):
        return "same"
    return "regressed" if judged.accepted and not judged.corrected else "changed"


REJECTED = {
    "edit_undone": "undone",
    "new_document_undone": "undone",
    "own_rewrite": "rewritten by hand",
    "comment_dismissed": "dismissed",
}
"""What the report says the person did to a decision they rejected without saying what was right."""


def _judged(
    record: DecisionRecord | None, corrections: dict[str, list[CorrectionRecord]], verdicts: PersonVerdicts
) -> _Judged:
    if record is None:
        return _Judged()
    mine = corrections.get(record.id, [])
    person = next((e for e in map(expected_by, mine) if e is not None), None)
    said = str(person) if person else next((REJECTED[c.kind] for c in mine if c.kind in REJECTED), None)
    return _Judged(
        recorded=outcome_of(record),
        person=person,
        corrected=bool(mine),
        accepted=record.id in verdicts.accepted,
        said=said,
    )


def compare(
    recording: Recording, replayed: list[DecisionRecord], baseline: Baseline | None = None
) -> list[DecisionDiff]:
    """Align today's decisions with the expected ones turn by turn, and classify each."""
    corrections: dict[str, list[CorrectionRecord]] = defaultdict(list)
    for correction in standing(lambda: recording.corrections):
        corrections[correction.decision_id or ""].append(correction)
    verdicts = person_verdicts(recording)
    then_turns, now_turns = turns_of(recording.decisions), turns_of(replayed)
    diffs = []
    for index in range(max(len(then_turns), len(now_turns))):
        then = then_turns[index] if index < len(then_turns) else []
        now = now_turns[index] if index < len(now_turns) else []
        expected = baseline.turns[index] if baseline and index < len(baseline.turns) else expected_turn(then)
        message = _message(then or now)
        diffs += _decision_diffs(index + 1, message, then, now, expected, corrections, verdicts)
        diffs += _comment_diffs(index + 1, message, then, now, expected, verdicts)
    return diffs


def _message(records: list[DecisionRecord]) -> str | None:
    first = records[0].input if records else {}
    return first.get("message") or first.get("request")


def _decision_diffs(
    number: int,
    message: str | None,
    then: list[DecisionRecord],
    now: list[DecisionRecord],
    expected: BaselineTurn,
    corrections: dict[str, list[CorrectionRecord]],
    verdicts: PersonVerdicts,
) -> list[DecisionDiff]:
    recorded, today = _keyed(then), {key: outcome_of(r) for key, r in _keyed(now).items()}
    diffs = []
    for key in [*expected.decisions, *(k for k in today if k not in expected.decisions)]:
        judged = _judged(recorded.get(key), corrections, verdicts)
        want, got = expected.decisions.get(key), today.get(key)
        diffs.append(
            DecisionDiff(
                turn=number,
                message=message,
                behaviour=key.split("#")[0],
                recorded=str(want) if want else None,
                now=str(got) if got else None,
                person=judged.said,
                status=_status(want, got, judged),
            )
        )
    return diffs


def _comment_diffs(
    number: int,
    message: str | None,
    then: list[DecisionRecord],
    now: list[DecisionRecord],
    expected: BaselineTurn,
    verdicts: PersonVerdicts,
) -> list[DecisionDiff]:
    shown = comments_of(then)
    person = PersonOnComments(
        applied=[c.span for c in shown if c.anchor_id in verdicts.applied_anchors],
        dismissed=[c.span for c in shown if c.anchor_id in verdicts.dismissed_anchors],
    )
    return [
        DecisionDiff(
            turn=number,
            message=message,
            behaviour="comment",
            recorded=str(d.then) if d.then else None,
            now=str(d.now) if d.now else None,
            person=_said(d, person),
            status=d.status,
        )
        for d in compare_comments(expected.comments, comments_of(now), person)
    ]


def _said(diff: CommentDiff, person: PersonOnComments) -> str | None:
    """What the person did to the recorded comment at this place, if anything."""
    span = (diff.then or diff.now).span
    if near(span, person.applied):
        return "applied"
    return "dismissed" if near(span, person.dismissed) else None


async def eval_replay(
    recording: Recording, settings: Settings, behaviours: Behaviours, client: ModelClient | None = None
) -> EvalReplayReport:
    """Re-run one recording's actions with `behaviours` (model text from the recording unless `client` is given)."""
    baseline = load_baseline(recording.path)
    run = await run_recording(recording, settings, behaviours=behaviours, mode="current", client=client)
    await run.session.client.close()
    run.session.log.close()
    replayed = [entry.record for entry in run.collector.entries if isinstance(entry, DecisionEntry)]
    return EvalReplayReport(
        recording=str(recording.path),
        diffs=compare(recording, replayed, baseline),
        problems=[p.problem for p in run.performed if p.problem],
        baseline=baseline.history[-1].reason if baseline else None,
        decided_now=[expected_turn(turn) for turn in turns_of(replayed)],
    )


def to_markdown(reports: list[EvalReplayReport], *, show_all: bool = False) -> str:
    """A regression report: per recording, the counts and every decision that is not `same`."""
    lines = ["# Eval replay", ""]
    for report in reports:
        counts = ", ".join(f"{count} {status}" for status, count in sorted(report.counts.items()))
        lines += [f"## {report.recording}", "", f"{len(report.diffs)} decisions: {counts}", ""]
        if report.baseline:
            lines += [f"Compared with its baseline (last re-baselined: {report.baseline}).", ""]
        lines += [f"- problem: {problem}" for problem in report.problems]
        shown = [diff for diff in report.diffs if show_all or diff.status != "same"]
        if shown:
            lines += [
                "| turn | behaviour | message | expected | now | person | status |",
                "|---|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {d.turn} | {d.behaviour} | {_cell(d.message)} | {_cell(d.recorded)} | {_cell(d.now)} "
                f"| {d.person or ''} | {d.status} |"
                for d in shown
            ]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str | None, limit: int = 50) -> str:
    return one_line((text or "").replace("|", "\\|"), limit)
