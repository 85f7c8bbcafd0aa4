"""What goes to a model and what comes back (the request and exchange types live in `canvas_tui.exchange`,
below the log that records them), and the validated structured reply the client returns."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from canvas_tui.exchange import ModelExchange, ModelRequest

__all__ = ["ModelExchange", "ModelRequest", "StructuredReply"]

T = TypeVar("T", bound=BaseModel)


class StructuredReply(BaseModel, Generic[T]):
    """A validated structured reply, or a fallback when the model's replies could not be used."""

    value: T
    raw: str
    attempts: int
    fallback: bool = False
    problem: str | None = None
