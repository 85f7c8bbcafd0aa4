"""Versions: who changed what, as invertible changes in a tree (undo moves up, a new edit branches)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from canvas_tui.document.changes import Change

Author = Literal["model", "user", "file"]


def _now() -> datetime:
    return datetime.now(UTC)


class Version(BaseModel):
    """One version of a document: its parent, the change from the parent, who made it and why."""

    number: int
    parent: int | None
    author: Author
    summary: str
    change: Change | None = None
    created: datetime = Field(default_factory=_now)
