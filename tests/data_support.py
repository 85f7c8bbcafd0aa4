"""Helpers for the data-loop tests: record a session driven by fakes into a real recording file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.recording import HeaderEntry, RecordingWriter
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"

Script = Callable[[Session], Awaitable[None]]


async def record(
    path: Path, settings: Settings, log: DecisionLog, replies: list[str], behaviours: Behaviours, script: Script
) -> Session:
    """Run `script` on a session (scripted model, fake behaviours) that records to `path` and logs to `log`."""
    client = ScriptedClient(replies)
    session = Session(
        client,
        behaviours,
        log,
        settings,
        recorder=RecordingWriter(path, HeaderEntry(session_id="s1", backend=client.backend, model=client.model)),
        session_id="s1",
    )
    await script(session)
    session.recorder.close()
    return session
