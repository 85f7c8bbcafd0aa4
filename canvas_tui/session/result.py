"""What one turn did: the kind of turn, the reply, the decisions (as a status line), and any notices."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from canvas_tui.session.events import Notice

TurnKind = Literal["chat", "new_document", "edit", "comment", "question", "failed"]


class TurnResult(BaseModel):
    """The outcome of `Session.turn`: enough for a UI, the headless chat, and replay checks."""

    turn_id: str
    kind: TurnKind
    reply: str = ""
    status: list[str] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list)
    document_changed: bool = False
    version: int | None = None
    replaced: str | None = None
    """The title of the open document a new one took the place of (undo brings it back)."""

    @property
    def status_line(self) -> str:
        """One line with the decisions taken, e.g. `trigger=canvas 0.93 · locate=§2 "Intro" · policy=targeted`."""
        return " · ".join(self.status)
