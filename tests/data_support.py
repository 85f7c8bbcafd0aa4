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


async def heading_renamed_by_name(settings: Settings, log: DecisionLog) -> Session:
    """A session whose one turn renames a heading the request names, overriding the locator's sentence: two locate
    decisions are logged, the locator's and the named place the turn went on with."""
    from tests.fakes import fake_behaviours

    session = Session(
        ScriptedClient([]), fake_behaviours(trigger=["edit"], needle="The venue may close early."), log, settings
    )
    session.open_document("# Plan\n\n## Risks\n\nThe venue may close early.\n", title="plan")
    await session.turn('Rename the heading "Risks" to "Open risks"')
    return session
