"""Choose and build the model client for the configured backend."""

from __future__ import annotations

import os

from canvas_tui.config import Settings
from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelUnavailable

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


def make_client(settings: Settings) -> ModelClient:
    """The client for `settings.backend`; raises ModelUnavailable with a plain reason if it cannot be built."""
    if settings.backend == "local":
        from canvas_tui.llm.local import LocalModelClient
        from canvas_tui.llm.local_server import LocalServer

        return LocalModelClient(
            LocalServer(start_timeout=settings.server_start_timeout), timeout=settings.request_timeout
        )
    if settings.backend == "openai":
        key = os.environ.get("OPENAI_API_KEY")
        if not key:
            raise ModelUnavailable("The openai backend needs OPENAI_API_KEY in the environment.")
        return _compatible("openai", settings.model or OPENAI_DEFAULT_MODEL, settings.base_url, key, settings)
    if settings.backend == "url":
        if not settings.base_url:
            raise ModelUnavailable("The url backend needs --base-url (or CANVAS_TUI_BASE_URL).")
        return _compatible(
            "url",
            settings.model or "default",
            settings.base_url,
            os.environ.get("CANVAS_TUI_API_KEY", "none"),
            settings,
        )
    return _replay(settings)


def _compatible(backend: str, model: str, base_url: str | None, key: str, settings: Settings) -> ModelClient:
    from canvas_tui.llm.openai_compatible import OpenAICompatibleClient

    return OpenAICompatibleClient(
        backend=backend, model=model, base_url=base_url, api_key=key, timeout=settings.request_timeout
    )


def _replay(settings: Settings) -> ModelClient:
    from canvas_tui.llm.scripted import ReplayClient
    from canvas_tui.log.recording import RecordingError, load_recording

    if settings.replay_file is None:
        raise ModelUnavailable("The replay backend needs --replay-file (a recording).")
    try:
        return ReplayClient(load_recording(settings.replay_file).exchanges)
    except RecordingError as exc:
        raise ModelUnavailable(str(exc)) from exc
