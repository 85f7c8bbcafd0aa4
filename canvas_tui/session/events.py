"""Events a turn emits while it runs, so a UI can stream text and show decisions as they happen."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class ChatDelta(BaseModel):
    """A piece of the chat reply as it is generated."""

    type: Literal["chat_delta"] = "chat_delta"
    text: str


class CanvasDelta(BaseModel):
    """A piece of a new document as it is generated into the canvas."""

    type: Literal["canvas_delta"] = "canvas_delta"
    text: str


class DecisionMade(BaseModel):
    """A behaviour decided something; `summary` is its part of the status line."""

    type: Literal["decision"] = "decision"
    behaviour: str
    summary: str
    decision_id: str


class TargetShown(BaseModel):
    """The span an edit is about, to highlight before (and after) the change."""

    type: Literal["target"] = "target"
    start: int
    end: int
    phase: Literal["before", "after"]


class Notice(BaseModel):
    """Something the person must be told in plain words (a failure, a fallback, a warning)."""

    type: Literal["notice"] = "notice"
    level: Literal["info", "warning", "error"]
    message: str


Event = ChatDelta | CanvasDelta | DecisionMade | TargetShown | Notice
