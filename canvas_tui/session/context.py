"""The state of one running turn: its id, what it emits, and the result it builds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from canvas_tui.behaviours.base import Span
from canvas_tui.log.records import DecisionRecord, new_id
from canvas_tui.session.events import ChatDelta, Event, Notice
from canvas_tui.session.result import TurnKind, TurnResult


def _ignore(_event: Event) -> None:
    return None


@dataclass
class LastTurn:
    """What the previous turn decided, so a person's next action can be linked to it as a correction."""

    kind: TurnKind | None = None
    decisions: dict[str, DecisionRecord] = field(default_factory=dict)
    edit_span: Span | None = None
    comment_decision: str | None = None
    reselection: Span | None = None
    """A part the person selected after a located edit, away from it: a correction of the locator only if the next
    message, about that part, re-asks the same request."""


@dataclass
class Turn:
    """One turn in progress; steps report through it so UI events and the result stay in step."""

    message: str
    selection: Span | None = None
    emit: Callable[[Event], None] = _ignore
    id: str = field(default_factory=new_id)
    result: TurnResult = field(init=False)

    def __post_init__(self) -> None:
        self.result = TurnResult(turn_id=self.id, kind="chat")

    def set_kind(self, kind: TurnKind) -> None:
        self.result.kind = kind

    def say(self, text: str) -> None:
        """Add to the chat reply (and stream it)."""
        self.result.reply += text
        self.emit(ChatDelta(text=text))

    def status(self, part: str) -> None:
        """Add one decision to the status line."""
        self.result.status.append(part)

    def restate(self, part: str) -> None:
        """Put `part` in place of the status line's last entry for the same behaviour (what comes before its `=`):
        a later decision overrode it, and the line shows what was used (both stay in the log)."""
        behaviour = part.split("=", 1)[0] + "="
        for index in range(len(self.result.status) - 1, -1, -1):
            if self.result.status[index].startswith(behaviour):
                self.result.status[index] = part
                return
        self.result.status.append(part)

    def notice(self, level: str, message: str) -> None:
        """Tell the person something in plain words."""
        notice = Notice(level=level, message=message)
        self.result.notices.append(notice)
        self.emit(notice)
