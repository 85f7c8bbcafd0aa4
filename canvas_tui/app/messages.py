"""Messages from the turn worker to the app: each session event as it happens, then the turn's result."""

from __future__ import annotations

from textual.message import Message

from canvas_tui.session import TurnResult
from canvas_tui.session.events import Event


class SessionEvent(Message):
    """One event a running turn emitted (a chat or canvas delta, a decision, a target span, a notice)."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class TurnFinished(Message):
    """A turn ended (successfully or not); `result` says what it did."""

    def __init__(self, result: TurnResult) -> None:
        super().__init__()
        self.result = result
