"""When the terminal goes away (window closed, tmux session killed) the app leaves, keeping unsaved changes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from canvas_tui.app.autosave import autosave_path
from canvas_tui.app.terminal import HANGUP_EXIT_CODE, hung_up
from tests.app.conftest import SIZE, wait_until

DOC = "# Plan\n\nWe ship on Monday.\n"


def test_a_terminal_hangs_up_when_its_other_end_closes():
    controller, terminal = os.openpty()
    try:
        assert not hung_up(terminal)
        os.close(controller)
        assert hung_up(terminal)
    finally:
        os.close(terminal)


async def test_the_app_leaves_when_its_terminal_is_gone_and_keeps_unsaved_changes(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path)
    gone = [False]
    app.terminal_closed = lambda: gone[0]
    async with app.run_test(size=SIZE) as pilot:
        session.user_edit(DOC + "Unsaved.\n")
        gone[0] = True
        await wait_until(pilot, lambda: not app.is_running, timeout=5)
    assert app.return_code == HANGUP_EXIT_CODE
    assert autosave_path(session.document).read_text() == DOC + "Unsaved.\n"
    assert path.read_text() == DOC


@pytest.mark.slow
def test_the_real_app_exits_when_its_terminal_closes_without_a_sighup(tmp_path):
    """As under `make run` in a tmux session that is then killed: no SIGHUP reaches the app, its terminal ends.
    (Its exit code is 1 here: saying goodbye to a terminal that is gone fails.)"""
    controller, terminal = os.openpty()
    environment = os.environ | {
        "CANVAS_TUI_DATA_DIR": str(tmp_path / "data"),
        "CANVAS_TUI_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm-256color",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "canvas_tui"], stdin=terminal, stdout=terminal, stderr=terminal, env=environment
    )
    os.close(terminal)
    try:
        _read_until(controller, b"canvas-tui")
        os.close(controller)
        app.wait(timeout=60)  # before the fix: Textual read end-of-file without end, at a full core, forever
    finally:
        app.kill()


def _read_until(fd: int, marker: bytes) -> None:
    """Read the app's screen output until `marker` shows (the app is up)."""
    seen = b""
    while marker not in seen:
        chunk = os.read(fd, 65536)
        assert chunk, "the app closed its terminal before starting"
        seen += chunk
