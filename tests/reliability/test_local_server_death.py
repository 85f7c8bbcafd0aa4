"""The real embedded server killed between turns and mid-stream: the turn in flight fails in plain words,
and the next turn restarts the server and works."""

from __future__ import annotations

import os
import signal

import pytest

from canvas_tui.config import Settings
from canvas_tui.llm.local import LocalModelClient
from canvas_tui.llm.local_server import LocalServer
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session
from canvas_tui.session.events import ChatDelta
from tests.fakes import fake_behaviours

pytestmark = pytest.mark.slow


def _kill(server: LocalServer) -> int:
    pid = server.state.pid
    os.kill(pid, signal.SIGKILL)
    if server.process is not None:
        server.process.wait(timeout=10)
    return pid


async def test_a_killed_embedded_server_is_restarted_by_the_next_turn(tmp_path):
    server = LocalServer(start_timeout=180, state_file=tmp_path / "local-server.json")
    client = LocalModelClient(server, timeout=120)
    session = Session(
        client,
        fake_behaviours(trigger=["inline"]),
        DecisionLog(":memory:"),
        Settings(max_tokens=24, log_path=":memory:"),
    )
    try:
        assert (await session.turn("Say hello.")).kind == "chat"
        killed = _kill(server)
        between = await session.turn("Say hello again.")
        assert between.kind == "chat" and between.reply.strip() and server.state.pid != killed

        def kill_on_first_token(event) -> None:
            if isinstance(event, ChatDelta) and server.state.pid == alive:
                _kill(server)

        alive = server.state.pid
        cut = await session.turn("Tell me a long story about the sea.", emit=kill_on_first_token)
        assert cut.kind == "failed" and cut.notices[0].message.startswith("The model could not answer: ")
        assert "Traceback" not in cut.notices[0].message
        after = await session.turn("Say hello once more.")
        assert after.kind == "chat" and after.reply.strip() and server.state.pid not in (killed, alive)
    finally:
        await client.close()
