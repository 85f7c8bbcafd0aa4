"""An API key never appears in the decision log, recordings, exports, printed output or error messages,
whether the server accepts it, refuses it (401) or fails."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from canvas_tui.bootstrap import SessionOptions, close_session, open_session
from canvas_tui.cli import cli
from canvas_tui.config import Settings
from canvas_tui.headless import HeadlessChat
from canvas_tui.llm.backends import make_client
from canvas_tui.log.team.admin import add_person
from tests.fakes import fake_behaviours
from tests.reliability.fake_server import FakeServer

CANARY = "sk-canary-7f3a9c1e5b2d4f60"
DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n"
SCRIPT = ["Write a plan", "change Monday to Tuesday", "critique this", "hello", "/undo", "/save {saved}"]


@pytest.fixture
def server():
    with FakeServer() as running:
        yield running


async def _use(tmp_path, server, backend: str, mode: str, base_url: str | None = None) -> str:
    """Run a scripted headless session on `backend` against the fake server; returns what was printed."""
    server.behaviour.mode, server.behaviour.status = mode, 401
    server.behaviour.reply = json.dumps({"comments": [{"quote": "We ship", "comment": f"no {CANARY[:5]}"}]})
    settings = Settings(
        backend=backend, base_url=base_url or server.base_url, request_timeout=1.0, log_path=tmp_path / "log.sqlite3"
    )
    session = open_session(
        settings,
        SessionOptions(record=tmp_path / "session.jsonl"),
        client=make_client(settings),
        behaviours=fake_behaviours(trigger=["canvas", "edit", "comment", "chat"], needle="Monday"),
    )
    session.open_document(DOC, title="plan")
    out = io.StringIO()
    await HeadlessChat(session, out).run([line.format(saved=tmp_path / "saved.md") for line in SCRIPT])
    await close_session(session)
    return out.getvalue()


def _exports(tmp_path) -> str:
    runner, log = CliRunner(), str(tmp_path / "log.sqlite3")
    outputs = [
        runner.invoke(cli, ["log", "--json", "-n", "100", "--log", log]),
        runner.invoke(cli, ["log", "--corrections", "--log", log]),
    ]
    outputs += [
        runner.invoke(cli, ["export", "finetune", behaviour, "--log", log]) for behaviour in ("edit", "comment")
    ]
    return "".join(result.output + (str(result.exception) if result.exception else "") for result in outputs)


def _everything_written(tmp_path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(tmp_path.rglob("*")) if path.is_file())


@pytest.mark.parametrize("backend", ["url", "openai"])
@pytest.mark.parametrize("mode", ["ok", "status", "drop", "garbage"])
async def test_the_api_key_is_sent_to_the_server_and_nowhere_else(tmp_path, monkeypatch, server, backend, mode):
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    monkeypatch.setenv("CANVAS_TUI_API_KEY", CANARY)
    printed = await _use(tmp_path, server, backend, mode)
    assert any(headers.get("authorization") == f"Bearer {CANARY}" for headers in server.behaviour.headers)
    if mode == "status":
        assert "refused the API key" in printed
    exported = _exports(tmp_path)
    assert CANARY not in printed and CANARY not in exported
    assert CANARY.encode() not in _everything_written(tmp_path)
    assert CANARY[5:].encode() not in _everything_written(tmp_path)


async def test_a_key_written_into_the_base_url_does_not_leak_through_connection_errors(tmp_path, monkeypatch, server):
    printed = await _use(tmp_path, server, "url", "ok", base_url=f"http://user:{CANARY}@127.0.0.1:9/v1")
    assert "Cannot reach the url model server" in printed
    assert CANARY not in printed and CANARY not in _exports(tmp_path)
    assert CANARY.encode() not in _everything_written(tmp_path)


async def test_the_team_stores_password_reaches_postgresql_and_nowhere_else(tmp_path, monkeypatch, server, team_server):
    add_person(team_server.admin_dsn, "canary_writer", CANARY)
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", team_server.dsn("canary_writer", CANARY))
    printed = await _use(tmp_path, server, "url", "ok")
    team_reads = [
        CliRunner().invoke(cli, args)
        for args in (["log", "--team", "--json"], ["stats", "--team"], ["export", "finetune", "edit", "--team"])
    ]
    assert json.loads(team_reads[0].output.splitlines()[0])["person"] == "canary_writer"
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", team_server.dsn("canary_writer", CANARY + "-wrong"))
    refused = [
        CliRunner().invoke(cli, args)
        for args in (["log", "--team"], ["team", "push", "--timeout", "1", "--log", str(tmp_path / "log.sqlite3")])
    ]
    assert [result.exit_code for result in refused] == [3, 0]
    said = (
        printed
        + _exports(tmp_path)
        + "".join(result.output + str(result.exception or "") for result in team_reads + refused)
    )
    assert "password authentication failed" in refused[0].output
    assert CANARY not in said and CANARY.encode() not in _everything_written(tmp_path)
