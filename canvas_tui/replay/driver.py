"""Drive a session with a recording's person actions, exactly as the person did them.

A quick action is recorded as a `quick_action` entry followed by the `message` entry of the turn
it ran; replay runs the quick action and skips that message. An action that cannot be done again
(a comment that no longer exists) is reported, not raised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.base import Span
from canvas_tui.log.recording import ActionEntry
from canvas_tui.session import Session, TurnResult

Handler = Callable[[Session, dict[str, Any]], Awaitable[Any] | Any]


class EntryCollector:
    """A recorder that keeps the entries in memory (what the replayed session would have recorded)."""

    def __init__(self) -> None:
        self.entries: list[BaseModel] = []

    def write(self, entry: BaseModel) -> None:
        """Keep one entry."""
        self.entries.append(entry)

    def close(self) -> None:
        """Nothing to release."""


def _selection(payload: dict[str, Any] | None) -> Span | None:
    return Span(**payload) if payload else None


HANDLERS: dict[str, Handler] = {
    "message": lambda s, p: s.turn(p["text"], selection=_selection(p.get("selection"))),
    "answer": lambda s, p: s.turn(p["text"]),
    "quick_action": lambda s, p: s.quick_action(p["name"]),
    "selection": lambda s, p: s.select(Span(**p)),
    "manual_edit": lambda s, p: s.user_edit(p["text"]),
    "open_canvas": lambda s, p: s.open_canvas(),
    "close_canvas": lambda s, p: s.close_canvas(),
    "undo": lambda s, p: s.undo(),
    "redo": lambda s, p: s.redo(),
    "restore": lambda s, p: s.restore(p["number"]),
    "dismiss_comment": lambda s, p: s.dismiss_comment(p["id"]),
    "apply_comment": lambda s, p: s.apply_comment(p["id"]),
    "open_document": lambda s, p: s.open_document(
        p["text"], title=p.get("title", "untitled"), path=Path(p["path"]) if p.get("path") else None
    ),
}


def driven_actions(actions: list[ActionEntry]) -> Iterator[ActionEntry]:
    """The actions to perform: all of them, less the message each quick action records for its own turn."""
    previous: ActionEntry | None = None
    for action in actions:
        ran_by_quick_action = (
            previous is not None
            and previous.kind == "quick_action"
            and action.kind == "message"
            and action.payload.get("text") == previous.payload.get("request")
        )
        if not ran_by_quick_action:
            yield action
        previous = action


@dataclass
class Performed:
    """What one replayed action did: a turn's result (for turns), or the problem that stopped it."""

    action: ActionEntry
    result: TurnResult | None = None
    problem: str | None = None


async def perform(session: Session, action: ActionEntry) -> Performed:
    """Do one recorded action on the session; a problem is reported in plain words, never raised."""
    try:
        outcome = HANDLERS[action.kind](session, action.payload)
        if isinstance(outcome, Awaitable):
            outcome = await outcome
    except (KeyError, ValueError, StopIteration, AttributeError) as exc:
        return Performed(
            action, problem=f"{action.kind} {action.payload or ''} could not be replayed ({type(exc).__name__}: {exc})"
        )
    return Performed(action, result=outcome if isinstance(outcome, TurnResult) else None)
