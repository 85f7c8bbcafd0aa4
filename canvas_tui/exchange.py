"""What goes to a model and what comes back: the request the model client takes and the exchange it reports,
recorded in session recordings and replayed as is.

A base module (no canvas_tui imports) because two layers share it: `llm` sends requests and reports exchanges,
`log` records them; `llm` sits above `log` (its replay backend reads recordings), so the types live below both.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, Field

PENALTIES = ("frequency_penalty", "presence_penalty", "repeat_penalty")


class ModelRequest(BaseModel):
    """One request to a chat model; `schema_name`/`json_schema` ask for structured output."""

    purpose: str = Field(description="which step asked: chat, write, edit, comment, trigger...")
    messages: list[dict[str, str]]
    max_tokens: int = 1024
    temperature: float = 0.2
    schema_name: str | None = None
    json_schema: dict[str, Any] | None = None
    frequency_penalty: float = Field(0.0, description="OpenAI-style penalty on tokens by how often they occurred")
    presence_penalty: float = Field(0.0, description="OpenAI-style penalty on tokens that occurred at all")
    repeat_penalty: float | None = Field(None, description="llama.cpp's multiplicative repeat penalty (local only)")

    def fingerprint(self) -> str:
        """A stable hash of what was asked, so a replay can match replies to requests (penalties left at
        their defaults are not part of it, so requests recorded before they existed still match)."""
        unset = {name for name in PENALTIES if getattr(self, name) == type(self).model_fields[name].default}
        body = json.dumps(self.model_dump(exclude={"max_tokens", *unset}), sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()[:16]


class ModelExchange(BaseModel):
    """A request and the raw reply text as received, with timing; `error` set if it failed."""

    request: ModelRequest
    reply: str
    backend: str
    model: str
    latency_ms: float
    first_token_ms: float | None = None
    completion_tokens: int | None = None
    error: str | None = None
    kind: Literal["text", "structured"] = "text"
