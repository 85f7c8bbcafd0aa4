"""The turn orchestrator: headless (no Textual), shared by the app, the headless chat, replay and evals."""

from canvas_tui.session.events import Event
from canvas_tui.session.orchestrator import Session
from canvas_tui.session.result import TurnResult

__all__ = ["Event", "Session", "TurnResult"]
