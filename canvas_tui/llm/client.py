"""The model client every part of canvas-tui talks to, whatever the backend.

Subclasses supply the transport (`_stream_raw`, `_structured_raw`); this base class adds what
must hold for every backend: structured replies validated against a pydantic model, retried
once and then replaced by a logged fallback; every exchange reported to observers (the
recorder, the decision log) exactly as sent and received.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.types import ModelExchange, ModelRequest, StructuredReply

T = TypeVar("T", bound=BaseModel)
Observer = Callable[[ModelExchange], None]

RETRY_HINT = "Your previous reply was not valid ({problem}). Reply again with only the JSON object."
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=64)
def json_schema(schema: type[BaseModel]) -> dict:
    """The JSON schema of a reply model, built once per model: pydantic builds it anew at each call (about a
    millisecond, at every structured request). Shared by every request: read it, never change it."""
    return schema.model_json_schema()


def encodable(text: str) -> str:
    """`text` with lone surrogates (broken UTF-8 upstream) replaced by U+FFFD, so it can be stored and shown."""
    return _SURROGATE.sub("\ufffd", text)


class ModelClient:
    """Async chat-model client: streaming text, and structured replies with validation and fallback."""

    backend: str = "abstract"
    model: str = "none"

    def __init__(self) -> None:
        self.observers: list[Observer] = []

    async def stream(self, request: ModelRequest) -> AsyncIterator[str]:
        """Yield the reply text as it is generated; the exchange is reported when it ends, or as far as it
        went when the caller stops reading (closing the stream also stops the server generating)."""
        started = time.perf_counter()
        first_token_ms: float | None = None
        parts: list[str] = []
        try:
            async with contextlib.aclosing(self._stream_raw(request)) as raw:
                async for delta in raw:
                    delta = encodable(delta)
                    if first_token_ms is None:
                        first_token_ms = (time.perf_counter() - started) * 1000
                    parts.append(delta)
                    yield delta
        except ModelError as exc:
            self._report(request, "".join(parts), started, first_token_ms, error=str(exc))
            raise
        except GeneratorExit:
            self._report(request, "".join(parts), started, first_token_ms)
            raise
        self._report(request, "".join(parts), started, first_token_ms)

    async def complete(self, request: ModelRequest) -> str:
        """The whole reply text at once."""
        return "".join([delta async for delta in self.stream(request)])

    async def structured(self, request: ModelRequest, schema: type[T], fallback: T) -> StructuredReply[T]:
        """A reply validated against `schema`: retried once if invalid, then `fallback` (flagged)."""
        request = request.model_copy(update={"schema_name": schema.__name__, "json_schema": json_schema(schema)})
        problem, raw = "", ""
        for attempt in (1, 2):
            started = time.perf_counter()
            raw = encodable(await self._structured_raw(request))
            self._report(request, raw, started, None, kind="structured")
            try:
                return StructuredReply[schema](value=schema.model_validate_json(raw), raw=raw, attempts=attempt)
            except ValidationError as exc:
                problem = _describe(exc, raw)
                hint = {"role": "user", "content": RETRY_HINT.format(problem=problem)}
                request = request.model_copy(
                    update={"messages": [*request.messages, {"role": "assistant", "content": raw}, hint]}
                )
        return StructuredReply[schema](value=fallback, raw=raw, attempts=2, fallback=True, problem=problem)

    async def close(self) -> None:
        """Release connections (and, for the local backend, the server this client started)."""

    def _report(
        self,
        request: ModelRequest,
        reply: str,
        started: float,
        first_token_ms: float | None,
        *,
        kind: str = "text",
        error: str | None = None,
    ) -> None:
        exchange = ModelExchange(
            request=request,
            reply=reply,
            backend=self.backend,
            model=self.model,
            latency_ms=(time.perf_counter() - started) * 1000,
            first_token_ms=first_token_ms,
            kind=kind,
            error=error,
        )
        for observer in self.observers:
            observer(exchange)

    def _stream_raw(self, request: ModelRequest) -> AsyncIterator[str]:
        raise NotImplementedError

    async def _structured_raw(self, request: ModelRequest) -> str:
        raise NotImplementedError


def _describe(error: ValidationError, raw: str) -> str:
    """A short plain description of why a structured reply was rejected."""
    if not raw.strip():
        return "the reply was empty"
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where + ': ' if where else ''}{first['msg']}"
