"""kill -9 at random points while a headless chat edits, saves, logs, records and autosaves a document.

After every kill: the saved file is exactly one whole version (never a mix, never older than the last
save the chat reported), the SQLite log passes integrity_check and holds every decision committed
before the kill, the recording reads up to its last complete line, and the autosave copy is whole
(reopening the file offers any autosaved edit the save did not reach). The chat runs in a forked child
(a fake backend, so each run takes a fraction of a second); a few runs kill the real
`canvas-tui chat --headless` on the replay backend.
"""

from __future__ import annotations

import asyncio
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from canvas_tui.bootstrap import SessionOptions, close_session, open_session
from canvas_tui.config import Settings
from canvas_tui.document import Document
from canvas_tui.headless import HeadlessChat
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.llm.types import ModelExchange, ModelRequest
from canvas_tui.log.recording import ExchangeEntry, HeaderEntry, RecordingWriter, load_recording
from tests.fakes import fake_behaviours

pytestmark = pytest.mark.slow

FORKED_RUNS = 100
CLI_RUNS = 4
EDITS = 6
PARAGRAPH = "Line {k}.{n}: the quick brown fox jumps over the lazy dog, again and again.\n"


def version(k: int) -> str:
    """The full text of version k (about 160 KB, so a kill often lands inside a write; no final newline, as
    the session strips a model's reply)."""
    return f"# Notes, version {k}\n\n" + "".join(PARAGRAPH.format(k=k, n=n) for n in range(2000)).rstrip("\n")


VERSIONS = [version(k) for k in range(EDITS + 1)]


@dataclass
class Outcome:
    """What one killed run left behind, and what the child had reported as done before it died."""

    workdir: Path
    saved: int
    decisions: list[str]
    autosaved: int = 0


async def _chat(workdir: Path, report) -> None:
    session = open_session(
        Settings(log_path=workdir / "log.sqlite3"),
        SessionOptions(document=workdir / "doc.md", record=workdir / "session.jsonl"),
        client=ScriptedClient(VERSIONS[1:]),
        behaviours=fake_behaviours(trigger=["edit"]),
    )
    from canvas_tui.app.autosave import write_autosave

    chat = HeadlessChat(session, io.StringIO())
    for k in range(1, EDITS + 1):
        await chat.run([f"rewrite as version {k}"])
        report("decisions " + " ".join(record.id for record in session.last_turn.decisions.values()))
        write_autosave(session.document)
        report(f"autosaved {k}")
        await chat.run([f"/save {workdir / 'doc.md'}"])
        report(f"saved {k}")
    await close_session(session)


def _forked_run(workdir: Path, delay: float | None) -> Outcome:
    """Fork a child that runs the chat; kill -9 it after `delay` seconds (None: let it finish)."""
    workdir.mkdir()
    (workdir / "doc.md").write_text(VERSIONS[0])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            os.environ["CANVAS_TUI_DATA_DIR"] = str(workdir / "data")
            asyncio.run(_chat(workdir, lambda line: os.write(write_end, (line + "\n").encode())))
        finally:
            os._exit(0)
    os.close(write_end)
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_end) as reports:
        return _outcome(workdir, reports.read().splitlines())


def _outcome(workdir: Path, lines: list[str]) -> Outcome:
    def last(kind: str) -> int:
        return max((int(line.split()[1]) for line in lines if line.startswith(kind + " ")), default=0)

    decisions = [id_ for line in lines if line.startswith("decisions ") for id_ in line.split()[1:]]
    return Outcome(workdir, last("saved"), decisions, last("autosaved"))


def assert_nothing_was_lost(outcome: Outcome) -> None:
    """The invariants every kill must keep."""
    workdir = outcome.workdir
    text = (workdir / "doc.md").read_text()
    assert text in VERSIONS, "the saved document is a mix of versions"
    assert VERSIONS.index(text) >= outcome.saved, "the saved document is older than the last reported save"
    if (workdir / "log.sqlite3").exists():
        with sqlite3.connect(workdir / "log.sqlite3") as log:
            assert log.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = {row[0] for row in log.execute("SELECT id FROM decisions")} if outcome.decisions else set()
        assert set(outcome.decisions) <= stored, "a committed decision is missing"
    if (workdir / "session.jsonl").exists() and (workdir / "session.jsonl").stat().st_size:
        recorded = [entry.text for entry in load_recording(workdir / "session.jsonl").versions]
        assert recorded == VERSIONS[: len(recorded)]
    for autosave in (workdir / "data" / "autosave").glob("*.md"):
        assert autosave.read_text() in VERSIONS[1:], "the autosave copy is not a whole version"
    recovered = _recovered(workdir, text)
    assert max(VERSIONS.index(text), VERSIONS.index(recovered)) >= outcome.autosaved, "an autosaved edit was lost"


def _recovered(workdir: Path, saved: str) -> str:
    """What reopening the file offers: a newer autosave copy of it, or the file itself."""
    from canvas_tui.app.autosave import newer_autosave

    with mock.patch.dict(os.environ, {"CANVAS_TUI_DATA_DIR": str(workdir / "data")}):
        found = newer_autosave(Document(saved, path=workdir / "doc.md"))
    return found[1] if found else saved


def test_kill_9_at_random_points_never_loses_or_mixes_a_saved_version(tmp_path):
    started = time.perf_counter()
    whole = _forked_run(tmp_path / "calibrate", None)
    assert whole.saved == EDITS and (tmp_path / "calibrate" / "doc.md").read_text() == VERSIONS[-1]
    duration = time.perf_counter() - started
    rng = random.Random(20261125)
    outcomes = []
    for run in range(FORKED_RUNS):
        outcomes.append(_forked_run(tmp_path / f"run{run}", rng.uniform(0.0, duration)))
        assert_nothing_was_lost(outcomes[-1])
    saves = {outcome.saved for outcome in outcomes}
    assert len(saves) >= 4, f"the kills did not land at varied points: {saves}"


def _replay_recording(path: Path) -> None:
    """A recording whose exchanges the replay backend serves in order: each reply is the next version."""
    writer = RecordingWriter(path, HeaderEntry(session_id="kill", backend="replay", model="replay"))
    for text in VERSIONS[1:]:
        writer.write(
            ExchangeEntry(
                exchange=ModelExchange(
                    request=ModelRequest(purpose="edit", messages=[]),
                    reply=text,
                    backend="replay",
                    model="replay",
                    latency_ms=1,
                )
            )
        )
    writer.close()


def test_kill_9_of_the_real_headless_chat_keeps_the_files_whole(tmp_path):
    rng = random.Random(7)
    for run in range(CLI_RUNS):
        workdir = tmp_path / f"cli{run}"
        workdir.mkdir()
        (workdir / "doc.md").write_text(VERSIONS[0])
        _replay_recording(workdir / "replies.jsonl")
        script = "".join(
            f"rewrite the whole document as version {k}\n/save {workdir / 'doc.md'}\n" for k in range(1, EDITS + 1)
        )
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "canvas_tui",
                "chat",
                "--headless",
                "--backend",
                "replay",
                "--replay-file",
                str(workdir / "replies.jsonl"),
                "--doc",
                str(workdir / "doc.md"),
                "--record",
                str(workdir / "session.jsonl"),
                "--log",
                str(workdir / "log.sqlite3"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "CANVAS_TUI_DATA_DIR": str(workdir / "data")},
        )
        child.stdin.write(script.encode())
        child.stdin.flush()
        time.sleep(rng.uniform(0.3, 1.7))
        child.kill()
        printed = child.communicate()[0].decode()
        saved = printed.count(f"saved {workdir / 'doc.md'}")
        assert_nothing_was_lost(Outcome(workdir, saved, []))
