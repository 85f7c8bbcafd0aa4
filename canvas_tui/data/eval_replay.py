"""Eval replay: re-run recorded sessions with today's behaviours and report, decision by decision,
where they now decide differently from the recording and from the person's corrections.

Statuses: `same` (agrees with an uncorrected decision), `regressed` (differs from a decision the
person accepted), `fixed` (now agrees with the person's correction), `still_wrong` (repeats a
decision the person corrected or rejected), `changed` (differs from a corrected decision, but not
to what the person wanted), `missing` (recorded, not made now), `new` (made now, not recorded).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Literal

from pydantic import BaseModel

from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.data.outcomes import Outcome, expected_by, outcome_of
from canvas_tui.data.recordings import Recording
from canvas_tui.data.replay import run_recording
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.recording import DecisionEntry
from canvas_tui.log.records import CorrectionRecord, DecisionRecord
from canvas_tui.text import one_line

Status = Literal["same", "regressed", "fixed", "still_wrong", "changed", "missing", "new"]
FAILING: set[str] = {"regressed", "missing"}


class DecisionDiff(BaseModel):
    """One decision position (turn, behaviour, n-th of that behaviour in the turn): then, now, and the person."""

    turn: int
    message: str | None
    behaviour: str
    recorded: str | None
    now: str | None
    person: str | None
    status: Status


class EvalReplayReport(BaseModel):
    """Every decision position of one recording, with its status."""

    recording: str
    diffs: list[DecisionDiff]
    problems: list[str]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(diff.status for diff in self.diffs))

    @property
    def failed(self) -> bool:
        """A decision the person accepted now differs, or is no longer made."""
        return any(diff.status in FAILING for diff in self.diffs)


def _by_turn(records: list[DecisionRecord]) -> list[dict[tuple[str, int], DecisionRecord]]:
    turns: dict[str | None, dict[tuple[str, int], DecisionRecord]] = {}
    for record in records:
        turn = turns.setdefault(record.turn_id, {})
        occurrence = sum(1 for behaviour, _ in turn if behaviour == record.behaviour)
        turn[(record.behaviour, occurrence)] = record
    return list(turns.values())


def _status(recorded: Outcome, now: Outcome, corrections: list[CorrectionRecord]) -> tuple[Status, Outcome | None]:
    if not corrections:
        return ("same" if now.agrees(recorded) else "regressed"), None
    person = next((e for e in map(expected_by, corrections) if e is not None), None)
    if person is not None and now.agrees(person):
        return "fixed", person
    return ("still_wrong" if now.agrees(recorded) else "changed"), person


def compare(recorded: list[DecisionRecord], replayed: list[DecisionRecord],
            corrections: list[CorrectionRecord]) -> list[DecisionDiff]:
    """Align decisions by turn and position, and classify each."""
    corrected: dict[str, list[CorrectionRecord]] = defaultdict(list)
    for correction in corrections:
        corrected[correction.decision_id].append(correction)
    then_turns, now_turns = _by_turn(recorded), _by_turn(replayed)
    diffs = []
    for index in range(max(len(then_turns), len(now_turns))):
        then = then_turns[index] if index < len(then_turns) else {}
        now = now_turns[index] if index < len(now_turns) else {}
        for position in [*then, *(p for p in now if p not in then)]:
            diffs.append(_diff(index, then.get(position), now.get(position), corrected, position[0]))
    return diffs


def _diff(turn: int, then: DecisionRecord | None, now: DecisionRecord | None,
          corrected: dict[str, list[CorrectionRecord]], behaviour: str) -> DecisionDiff:
    message = (then or now).input.get("message") or (then or now).input.get("request")
    if then is None or now is None:
        status, person = ("new" if then is None else "missing"), None
    else:
        status, person = _status(outcome_of(then), outcome_of(now), corrected.get(then.id, []))
    return DecisionDiff(turn=turn, message=message, behaviour=behaviour,
                        recorded=str(outcome_of(then)) if then else None, now=str(outcome_of(now)) if now else None,
                        person=str(person) if person else None, status=status)


async def eval_replay(recording: Recording, settings: Settings, behaviours: Behaviours,
                      client: ModelClient | None = None) -> EvalReplayReport:
    """Re-run one recording's actions with `behaviours` (model text from the recording unless `client` is given)."""
    run = await run_recording(recording, settings, behaviours=behaviours, mode="current", client=client)
    await run.session.client.close()
    run.session.log.close()
    replayed = [entry.record for entry in run.collector.entries if isinstance(entry, DecisionEntry)]
    return EvalReplayReport(recording=str(recording.path),
                            diffs=compare(recording.decisions, replayed, recording.corrections),
                            problems=[p.problem for p in run.performed if p.problem])


def to_markdown(reports: list[EvalReplayReport], *, show_all: bool = False) -> str:
    """A regression report: per recording, the counts and every decision that is not `same`."""
    lines = ["# Eval replay", ""]
    for report in reports:
        counts = ", ".join(f"{count} {status}" for status, count in sorted(report.counts.items()))
        lines += [f"## {report.recording}", "", f"{len(report.diffs)} decisions: {counts}", ""]
        lines += [f"- problem: {problem}" for problem in report.problems]
        shown = [diff for diff in report.diffs if show_all or diff.status != "same"]
        if shown:
            lines += ["| turn | behaviour | message | recorded | now | person | status |", "|---|---|---|---|---|---|---|"]
            lines += [f"| {d.turn + 1} | {d.behaviour} | {_cell(d.message)} | {d.recorded or ''} | {d.now or ''} "
                      f"| {d.person or ''} | {d.status} |" for d in shown]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str | None, limit: int = 50) -> str:
    return one_line((text or "").replace("|", "\\|"), limit)
