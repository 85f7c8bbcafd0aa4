"""The transport for every server that speaks the OpenAI chat API: OpenAI, vLLM, Ollama, llama.cpp."""

from __future__ import annotations

from collections.abc import AsyncIterator

import openai

from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelError, ModelTimeout, ModelUnavailable
from canvas_tui.llm.types import ModelRequest


class OpenAICompatibleClient(ModelClient):
    """Talks to `base_url` with the openai SDK; structured output is a forced tool call."""

    takes_repeat_penalty = False
    """Whether the server accepts llama.cpp's `repeat_penalty` (OpenAI refuses unknown arguments)."""

    def __init__(self, *, backend: str, model: str, base_url: str | None, api_key: str, timeout: float) -> None:
        super().__init__()
        self.backend, self.model = backend, model
        self._api_key, self._timeout = api_key, timeout
        self._sdk = self._connect(base_url)

    def _connect(self, base_url: str | None) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            base_url=base_url, api_key=self._api_key, timeout=openai.Timeout(self._timeout, connect=5.0), max_retries=0
        )

    async def _stream_raw(self, request: ModelRequest) -> AsyncIterator[str]:
        with _plain_errors(self.backend):
            stream = await self._sdk.chat.completions.create(
                model=self.model,
                messages=request.messages,
                max_tokens=request.max_tokens,
                temperature=request.temperature,
                stream=True,
                **self._penalties(request),
            )
            finished = False
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
                finished = finished or bool(chunk.choices and chunk.choices[0].finish_reason)
            if not finished:
                raise ModelError(
                    f"The {self.backend} model reply broke off (the stream ended before the model finished)."
                )

    def _penalties(self, request: ModelRequest) -> dict[str, object]:
        """The repetition penalties the request sets, as this server takes them (none when unset)."""
        sent: dict[str, object] = {
            name: getattr(request, name) for name in ("frequency_penalty", "presence_penalty") if getattr(request, name)
        }
        if request.repeat_penalty is not None and self.takes_repeat_penalty:
            sent["extra_body"] = {"repeat_penalty": request.repeat_penalty}
        return sent

    async def _structured_raw(self, request: ModelRequest) -> str:
        tool = {
            "type": "function",
            "function": {
                "name": request.schema_name,
                "parameters": request.json_schema,
                "description": "Record your decision.",
            },
        }
        with _plain_errors(self.backend):
            reply = await self._sdk.chat.completions.create(
                model=self.model,
                messages=request.messages,
                max_tokens=request.max_tokens,
                temperature=request.temperature,
                tools=[tool],
                tool_choice={"type": "function", "function": {"name": request.schema_name}},
            )
        if not hasattr(reply, "choices"):
            raise ModelError(
                f"The {self.backend} model server did not send a chat completion (got {type(reply).__name__})."
            )
        message = reply.choices[0].message if reply.choices else None
        if message and message.tool_calls:
            return message.tool_calls[0].function.arguments or ""
        return (message.content or "") if message else ""

    async def close(self) -> None:
        await self._sdk.close()


class _plain_errors:
    """Turn SDK exceptions into ModelError subclasses whose text a person can read."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None or isinstance(error, ModelError):
            return False
        if isinstance(error, openai.APITimeoutError):
            raise ModelTimeout(f"The {self.backend} model did not answer in time.") from error
        if isinstance(error, openai.APIConnectionError) and type(error.__cause__).__name__ == "RemoteProtocolError":
            raise ModelUnavailable(
                f"The {self.backend} model reply broke off (the server closed the connection mid-reply)."
            ) from error
        if isinstance(error, openai.APIConnectionError):
            raise ModelUnavailable(
                f"Cannot reach the {self.backend} model server ({error.__cause__ or error})."
            ) from error
        if isinstance(error, openai.AuthenticationError):
            raise ModelError(f"The {self.backend} backend refused the API key.") from error
        if isinstance(error, openai.APIStatusError):
            raise ModelError(
                f"The {self.backend} model server answered with an error (HTTP {error.status_code})."
            ) from error
        if isinstance(error, openai.APIError) or type(error).__module__.split(".")[0] in (
            "httpx",
            "httpx2",
            "httpcore",
        ):
            raise ModelError(f"The {self.backend} model reply broke off ({type(error).__name__}).") from error
        return False
