"""The `local` backend: the openai-compatible client pointed at the embedded server, restarting it if it dies."""

from __future__ import annotations

from collections.abc import AsyncIterator

from canvas_tui.llm.errors import ModelUnavailable
from canvas_tui.llm.local_server import LocalServer
from canvas_tui.llm.openai_compatible import OpenAICompatibleClient
from canvas_tui.llm.types import ModelRequest

LOCAL_MODEL_NAME = "SmolLM2-135M-Instruct"
NOT_STARTED = "http://127.0.0.1:9/v1"
"""Placeholder address until the first request starts (or finds) the embedded server."""


class LocalModelClient(OpenAICompatibleClient):
    """Starts (or reuses) the embedded server on the first request, so the app shows at once; if the
    server stops answering, starts it again once per request."""

    takes_repeat_penalty = True

    def __init__(self, server: LocalServer, *, timeout: float) -> None:
        self.server = server
        self._connected_to: str | None = None
        super().__init__(
            backend="local", model=LOCAL_MODEL_NAME, base_url=NOT_STARTED, api_key="local", timeout=timeout
        )

    async def _restart(self) -> None:
        state = await self.server.ensure_async()
        if self._connected_to != state.base_url:
            await self._sdk.close()
            self._sdk = self._connect(state.base_url)
            self._connected_to = state.base_url

    async def _ready(self) -> None:
        if self._connected_to is None:
            await self._restart()

    async def _stream_raw(self, request: ModelRequest) -> AsyncIterator[str]:
        await self._ready()
        produced = False
        try:
            async for delta in super()._stream_raw(request):
                produced = True
                yield delta
        except ModelUnavailable:
            if produced:
                raise
            await self._restart()
            async for delta in super()._stream_raw(request):
                yield delta

    async def _structured_raw(self, request: ModelRequest) -> str:
        await self._ready()
        try:
            return await super()._structured_raw(request)
        except ModelUnavailable:
            await self._restart()
            return await super()._structured_raw(request)

    async def close(self) -> None:
        await super().close()
        self.server.stop()
