"""Watching a recording replay in the app: each recorded action is done again, at a readable pace.

Turns go through the same events and messages as a live turn, so the chat streams and the canvas
updates as they did; the person's own input is held while the recording plays. At the end the
replayed versions are checked byte for byte against the recorded ones, and the result is shown.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import work
from textual.message import Message

from canvas_tui.app.messages import TurnFinished
from canvas_tui.behaviours.base import Span
from canvas_tui.log.recording import ActionEntry, Recording
from canvas_tui.replay.driver import Performed, driven_actions, perform
from canvas_tui.replay.run import ReplayReport, ReplayRun, report_of

TURN_KINDS = ("message", "answer", "quick_action")


class ReplayStepped(Message):
    """A recorded action other than a turn was done again (the canvas may have changed)."""

    def __init__(self, problem: str | None) -> None:
        super().__init__()
        self.problem = problem


class ReplayShowsMessage(Message):
    """A recorded message is about to be sent again: show it in the chat as the person's."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ReplayFinished(Message):
    """The recording has been played; `report` is the byte-for-byte check."""

    def __init__(self, report: ReplayReport) -> None:
        super().__init__()
        self.report = report


def recorded_files(recording: Recording) -> frozenset[Path]:
    """The files the recorded session opened (relative paths resolved against the working directory, as a replay
    resolves them): a replay must never write over them."""
    return frozenset(
        Path(action.payload["path"]).resolve()
        for action in recording.actions
        if action.kind == "open_document" and action.payload.get("path")
    )


class Playback:
    """Mixed into the app: plays a prepared replay run through the app's own turn path."""

    playback: tuple[Recording, ReplayRun] | None = None
    replay_delay: float = 0.8
    watched_files: frozenset[Path] | None = None
    """Set when the app shows a recording (during and after playback): the files it opened, which neither saving nor
    autosave may write, since the replayed text belongs to the recording, not to the person's files."""

    @property
    def watching(self) -> bool:
        """The app shows a recording (still playing or finished): nothing is written to its files or autosaved."""
        return self.watched_files is not None

    @property
    def replaying(self) -> bool:
        return self.playback is not None

    @work(exclusive=True, group="replay")
    async def play_recording(self) -> None:
        """Do each recorded action again, pausing between them so a person can follow."""
        recording, run = self.playback
        for action in driven_actions(recording.actions):
            await self._replay_one(run, action)
            await asyncio.sleep(self.replay_delay)
        self.post_message(ReplayFinished(report_of(recording, run, "recorded" if run.recorded else "current")))

    async def _replay_one(self, run: ReplayRun, action: ActionEntry) -> None:
        session = self.session
        if action.kind not in TURN_KINDS:
            performed = await perform(session, action)
            run.performed.append(performed)
            self.post_message(ReplayStepped(performed.problem))
            return
        payload = action.payload
        text = payload.get("request") or payload.get("name") if action.kind == "quick_action" else payload["text"]
        self.post_message(ReplayShowsMessage(text))
        if action.kind == "quick_action":
            result = await session.quick_action(payload["name"], emit=self._relay)
        else:
            selection = Span(**payload["selection"]) if payload.get("selection") else None
            result = await session.turn(payload["text"], selection=selection, emit=self._relay)
        run.performed.append(Performed(action, result=result))
        self.post_message(TurnFinished(result))

    def on_replay_shows_message(self, message: ReplayShowsMessage) -> None:
        self.chat.add_user(message.text)
        self.status.show_turn("replaying… thinking…")

    def on_replay_stepped(self, message: ReplayStepped) -> None:
        self.refresh_canvas()
        if message.problem:
            self.notify(message.problem, severity="warning")

    def on_replay_finished(self, message: ReplayFinished) -> None:
        report = message.report
        matched = sum(check.status == "match" for check in report.versions)
        verdict = "every version matches" if report.ok else f"{len(report.versions) - matched} version(s) differ"
        self.notify(
            f"Replay finished: {matched} of {len(report.versions)} versions match the recording; {verdict}.",
            severity="information" if report.ok else "error",
            timeout=30,
        )
        self.status.show_turn(f"replay finished: {verdict}")
        self.playback = None
