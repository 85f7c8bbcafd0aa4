"""The one factory that builds a session for the CLI, the app and the tests (model and behaviours injectable)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from canvas_tui.behaviours.defaults import Behaviours, default_behaviours
from canvas_tui.config import Settings
from canvas_tui.document.files import load_text
from canvas_tui.llm.backends import make_client
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.recording import HeaderEntry, RecordingWriter
from canvas_tui.log.records import new_id
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session


@dataclass
class SessionOptions:
    """What to open a session with: a document file and a recording file, both optional."""

    document: Path | None = None
    record: Path | None = None


def open_session(
    settings: Settings,
    options: SessionOptions | None = None,
    *,
    client: ModelClient | None = None,
    behaviours: Behaviours | None = None,
) -> Session:
    """A ready session: the configured (or injected) model, the default (or injected) behaviours, the log."""
    options = options or SessionOptions()
    loaded = load_text(options.document) if options.document else None
    client = client or make_client(settings)
    session_id = new_id()
    log = DecisionLog(settings.log_path, team_store=settings.team_store)
    recorder, problem = None, None
    if options.record:
        try:
            recorder = RecordingWriter(
                options.record,
                HeaderEntry(session_id=session_id, backend=client.backend, model=client.model),
                log.recording_mirror(session_id),
            )
        except OSError as exc:
            problem = f"The session is not being recorded: cannot write {options.record} ({exc.strerror or exc})."
    session = Session(
        client,
        behaviours or default_behaviours(settings.policy_threshold),
        log,
        settings,
        recorder=recorder,
        session_id=session_id,
    )
    session.recording_problem = problem
    if loaded is not None:
        session.open_document(loaded.text, title=loaded.path.name, path=loaded.path)
    return session


async def close_session(session: Session) -> None:
    """Release the model client, the log and the recording."""
    await session.client.close()
    session.log.close()
    if session.recorder is not None:
        session.recorder.close()
