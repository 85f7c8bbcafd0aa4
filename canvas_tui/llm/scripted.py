"""Clients that serve prepared replies: the fake model of unit tests and the `replay` backend.

A scripted client answers from a queue; a replay client answers each request with the reply
recorded for the same request fingerprint (falling back to recording order), so a recorded
session re-runs offline and byte for byte.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterable

from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.types import ModelExchange, ModelRequest

Reply = str | Exception | Callable[[ModelRequest], str]
GENERATION_OFF = "Generation is off for this run: the behaviours decided, no model wrote a reply."


class ScriptedClient(ModelClient):
    """Answers requests with queued replies, in order; an Exception in the queue is raised instead."""

    backend = "scripted"

    def __init__(self, replies: Iterable[Reply] = (), *, model: str = "scripted", chunk: int = 8) -> None:
        super().__init__()
        self.model = model
        self.replies: deque[Reply] = deque(replies)
        self.requests: list[ModelRequest] = []
        self.chunk = chunk

    def queue(self, *replies: Reply) -> None:
        """Add replies to the end of the queue."""
        self.replies.extend(replies)

    def _next(self, request: ModelRequest) -> str:
        self.requests.append(request)
        if not self.replies:
            raise ModelError("The scripted model has no reply left for this request.")
        reply = self.replies.popleft()
        if isinstance(reply, Exception):
            raise reply
        return reply(request) if callable(reply) else reply

    async def _stream_raw(self, request: ModelRequest) -> AsyncIterator[str]:
        text = self._next(request)
        for start in range(0, len(text), self.chunk):
            yield text[start : start + self.chunk]

    async def _structured_raw(self, request: ModelRequest) -> str:
        return self._next(request)


class DecisionsOnlyClient(ModelClient):
    """A client that writes nothing: every behaviour decides, and a turn that needs the model to write stops there.

    Launch traffic runs thousands of real messages through the behaviours in seconds this way; the turn is told
    plainly that generation is off.
    """

    backend = "none"
    model = "none"

    def _stream_raw(self, request: ModelRequest) -> AsyncIterator[str]:
        raise ModelError(GENERATION_OFF)

    async def _structured_raw(self, request: ModelRequest) -> str:
        raise ModelError(GENERATION_OFF)


class ReplayClient(ScriptedClient):
    """The `replay` backend: serves the replies of a recording, matched by request fingerprint."""

    backend = "replay"

    def __init__(self, exchanges: Iterable[ModelExchange]) -> None:
        exchanges = list(exchanges)
        super().__init__(
            (exchange.reply for exchange in exchanges), model=exchanges[0].model if exchanges else "replay"
        )
        self._by_fingerprint: dict[str, deque[str]] = defaultdict(deque)
        for exchange in exchanges:
            self._by_fingerprint[exchange.request.fingerprint()].append(exchange.reply)

    def _next(self, request: ModelRequest) -> str:
        matches = self._by_fingerprint.get(request.fingerprint())
        if matches:
            reply = matches.popleft()
            self.requests.append(request)
            if reply in self.replies:
                self.replies.remove(reply)
            return reply
        return super()._next(request)
