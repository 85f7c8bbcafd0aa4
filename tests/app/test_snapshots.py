"""What the person sees, compared with committed SVG snapshots (update with --snapshot-update after checking)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.conftest import SIZE, send

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"
HOSTILE = (
    "# [bold]Not bold[/bold]\n\n[@click=app.quit]Clicking this must not quit[/] and [/] stays.\n"
    "\x1b[31mNot red\x1b[0m, \x1b[2J no clear, \x9b1m no C1, \x07 no bell.\n"
)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Documents are opened by relative path, so titles do not depend on the temporary directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _steady(app) -> None:
    """No blinking cursors: a snapshot must not depend on when it is taken."""
    app.query_one("#chat-input").cursor_blink = False
    app.canvas.editor.cursor_blink = False


def _file(name: str, text: str) -> Path:
    Path(name).write_text(text)
    return Path(name)


def test_first_screen_teaches(snap_compare, make_app):
    app, _ = make_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=lambda pilot: _steady(app))


def test_chat_only(snap_compare, make_app):
    app, _ = make_app(["Paris is the **capital** of France.\n\n- one\n- two"], trigger=["inline"])

    async def run_before(pilot):
        _steady(app)
        await send(pilot, app, "What is the capital of France?")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_canvas_open_with_comments_highlighted(snap_compare, make_app, in_tmp):
    proposals = {
        "comments": [
            {"quote": "We ship on Monday.", "comment": "Which Monday?", "suggestion": "We ship on 3 March."},
            {"quote": "The budget is small.", "comment": "Say how small."},
        ]
    }
    app, _ = make_app([json.dumps(proposals)], document=_file("plan.md", DOC), trigger=["comment"])

    async def run_before(pilot):
        _steady(app)
        await send(pilot, app, "critique this")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_versions_screen_with_a_diff(snap_compare, make_app, in_tmp):
    app, session = make_app(document=_file("plan.md", DOC))
    session.user_edit(DOC.replace("Monday", "Friday"))

    async def run_before(pilot):
        _steady(app)
        await pilot.press("f2")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_an_error_notification(snap_compare, make_app):
    app, _ = make_app([], trigger=["inline"])

    async def run_before(pilot):
        _steady(app)
        await send(pilot, app, "hello")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_markup_and_escapes_in_a_document_and_a_reply_show_literally(snap_compare, make_app, in_tmp):
    app, _ = make_app([HOSTILE], document=_file("hostile.md", HOSTILE), trigger=["chat"])

    async def run_before(pilot):
        _steady(app)
        await send(pilot, app, "[bold]echo[/] \x1b[31m")
        assert app.is_running

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
