"""App test fixtures: an app over a session with a scripted model and fake behaviours (no real model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_tui.app import build_app
from canvas_tui.bootstrap import SessionOptions, open_session
from canvas_tui.llm.scripted import ScriptedClient
from tests.fakes import fake_behaviours

SIZE = (120, 36)


@pytest.fixture
def make_app(settings):
    """make_app(replies, document=None, debounce=..., **fake behaviour options) -> (app, session)."""
    sessions = []

    def make(
        replies=(),
        *,
        document: Path | None = None,
        debounce: float = 0.05,
        autosave_interval: float = 60.0,
        problems=None,
        **behaviours,
    ):
        session = open_session(
            settings,
            SessionOptions(document=document),
            client=ScriptedClient(list(replies)),
            behaviours=fake_behaviours(**behaviours),
        )
        sessions.append(session)
        return build_app(session, debounce=debounce, autosave_interval=autosave_interval, problems=problems), session

    yield make
    for session in sessions:
        session.log.close()


async def send(pilot, app, message: str) -> None:
    """Type a message in the chat box, press Enter, and wait for the turn to finish."""
    chat_input = app.query_one("#chat-input")
    chat_input.focus()
    chat_input.value = message
    await pilot.press("enter")
    await wait_turn(pilot, app)


async def wait_turn(pilot, app) -> None:
    """Wait until the running turn (if any) has finished and its messages are handled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 20.0) -> None:
    """Let the app run until `condition()` holds (timers fire late on a loaded machine); fail after `timeout` s."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), f"still not true after {timeout} s"
