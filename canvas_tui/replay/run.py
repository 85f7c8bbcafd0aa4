"""Replay a recording: re-run the person's actions on a fresh session served by the replay backend,
and check every document version against the recorded text, byte for byte.

By default the behaviours answer with their recorded decisions (so a replay tests the session and
the documents, whatever has changed in the behaviours since); `current` uses today's behaviours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from canvas_tui.behaviours.defaults import Behaviours, default_behaviours
from canvas_tui.bootstrap import open_session
from canvas_tui.config import Settings
from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.scripted import ReplayClient
from canvas_tui.log.recording import Recording, VersionEntry
from canvas_tui.replay.driver import EntryCollector, Performed, driven_actions, perform
from canvas_tui.replay.recorded import RecordedDecisions, recorded_behaviours
from canvas_tui.session import Session

BehaviourMode = Literal["recorded", "current"]


class VersionCheck(BaseModel):
    """One recorded document version against the replayed one."""

    position: int
    number: int | None
    author: str | None
    status: Literal["match", "mismatch", "missing", "extra"]
    recorded_sha256: str | None = None
    replayed_sha256: str | None = None
    first_difference: int | None = None


class ReplayReport(BaseModel):
    """The outcome of a replay: each version checked, and any action that could not be done again."""

    recording: str
    written_schema: int
    behaviours: BehaviourMode
    actions: int
    versions: list[VersionCheck]
    problems: list[str]
    recorded_decisions_served: int = 0
    unrecorded_inputs: int = 0

    @property
    def ok(self) -> bool:
        """Every version matched and every action replayed."""
        return not self.problems and all(check.status == "match" for check in self.versions)


@dataclass
class ReplayRun:
    """A finished re-run: the session, what it recorded, and what each action did."""

    session: Session
    collector: EntryCollector
    performed: list[Performed] = field(default_factory=list)
    recorded: RecordedDecisions | None = None


def prepare_run(
    recording: Recording,
    settings: Settings,
    *,
    behaviours: Behaviours,
    mode: BehaviourMode,
    client: ModelClient | None = None,
) -> ReplayRun:
    """A fresh session (no log written, replay model by default) ready to re-run the recording's actions."""
    recorded = None
    if mode == "recorded":
        behaviours, recorded = recorded_behaviours(recording.decisions, behaviours)
    quiet = settings.model_copy(update={"log_path": Path(":memory:")})
    session = open_session(quiet, client=client or ReplayClient(recording.exchanges), behaviours=behaviours)
    run = ReplayRun(session=session, collector=EntryCollector(), recorded=recorded)
    session.recorder = run.collector
    return run


async def run_recording(
    recording: Recording,
    settings: Settings,
    *,
    behaviours: Behaviours,
    mode: BehaviourMode,
    client: ModelClient | None = None,
    on_action: Callable[[Session, Performed], None] | None = None,
) -> ReplayRun:
    """Re-run the recording's actions on a session built by `open_session`."""
    run = prepare_run(recording, settings, behaviours=behaviours, mode=mode, client=client)
    for action in driven_actions(recording.actions):
        performed = await perform(run.session, action)
        run.performed.append(performed)
        if on_action is not None:
            on_action(run.session, performed)
    return run


async def replay(
    recording: Recording,
    settings: Settings,
    *,
    mode: BehaviourMode = "recorded",
    behaviours: Behaviours | None = None,
    on_action: Callable[[Session, Performed], None] | None = None,
) -> ReplayReport:
    """Replay offline and check every version byte for byte."""
    behaviours = behaviours or default_behaviours(settings.policy_threshold)
    run = await run_recording(recording, settings, behaviours=behaviours, mode=mode, on_action=on_action)
    await run.session.client.close()
    run.session.log.close()
    return report_of(recording, run, mode)


def report_of(recording: Recording, run: ReplayRun, mode: BehaviourMode) -> ReplayReport:
    """The version-by-version check of a finished run against its recording."""
    replayed = [entry for entry in run.collector.entries if isinstance(entry, VersionEntry)]
    return ReplayReport(
        recording=str(recording.path),
        written_schema=recording.written_schema,
        behaviours=mode,
        actions=len(run.performed),
        versions=check_versions(recording.versions, replayed),
        problems=[p.problem for p in run.performed if p.problem],
        recorded_decisions_served=run.recorded.served if run.recorded else 0,
        unrecorded_inputs=run.recorded.unrecorded if run.recorded else 0,
    )


def check_versions(recorded: list[VersionEntry], replayed: list[VersionEntry]) -> list[VersionCheck]:
    """Compare versions in order: match, mismatch (with the first differing character), missing or extra."""
    checks = []
    for position in range(max(len(recorded), len(replayed))):
        want = recorded[position] if position < len(recorded) else None
        got = replayed[position] if position < len(replayed) else None
        reference = want or got
        check = VersionCheck(
            position=position,
            number=reference.number,
            author=reference.author,
            status="match",
            recorded_sha256=want.sha256 if want else None,
            replayed_sha256=got.sha256 if got else None,
        )
        if want is None or got is None:
            check.status = "extra" if want is None else "missing"
        elif want.text != got.text:
            check.status, check.first_difference = "mismatch", _first_difference(want.text, got.text)
        checks.append(check)
    return checks


def _first_difference(a: str, b: str) -> int:
    return next((index for index, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
