"""`build_app`: the one way to make the app, for the command line and the tests alike."""

from __future__ import annotations

from canvas_tui.app.app import CanvasApp
from canvas_tui.log.recording import Recording
from canvas_tui.replay.run import ReplayRun
from canvas_tui.session import Session


def build_app(
    session: Session,
    *,
    debounce: float = 1.0,
    autosave_interval: float = 10.0,
    problems: list[str] | None = None,
    playback: tuple[Recording, ReplayRun] | None = None,
) -> CanvasApp:
    """The app over `session`; `problems` (e.g. a file that could not be opened) are shown at start;
    `playback` (a recording and its prepared replay run on `session`) is played for the person to watch."""
    return CanvasApp(
        session, debounce=debounce, autosave_interval=autosave_interval, problems=problems, playback=playback
    )
