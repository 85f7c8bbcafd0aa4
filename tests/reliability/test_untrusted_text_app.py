"""Untrusted text in every place the app draws it (canvas, comments, chat, notices, status line, title,
versions screen) is shown literally: markup is not applied, actions in it do nothing, escape sequences
and control characters never reach the terminal."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from canvas_tui.app import build_app
from canvas_tui.app.widgets.canvas.pane import TARGET_SECONDS
from canvas_tui.bootstrap import SessionOptions, open_session
from canvas_tui.llm.scripted import ScriptedClient
from tests.fakes import fake_behaviours

SIZE = (120, 40)
QUIT = "[@click=app.quit]Quit me[/]"
DOC = f"# [bold]Plan[/bold] \x1b]0;owned\x07\n\n{QUIT} now. \x1b[2J Clear.\n\nThe budget is small [red]x[/].\n"
COMMENTS = {
    "comments": [
        {"quote": f"{QUIT} now.", "comment": "[@click=app.quit]click[/] \x1b[5mblink\x9b0m", "suggestion": "[b]y[/b]"},
        {"quote": "[@click=app.bell]nowhere[/]", "comment": "dropped"},
    ]
}
EDIT_REQUEST = "[@click=app.quit]fix[/] the budget \x1b[2J"
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_app(settings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.md").write_text(DOC)
    session = open_session(
        settings,
        SessionOptions(document=Path("plan.md")),
        client=ScriptedClient(["The budget is tiny [blue]y[/].", json.dumps(COMMENTS)]),
        behaviours=fake_behaviours(trigger=["edit", "comment"], needle="The budget is small [red]x[/]."),
    )
    yield build_app(session, debounce=0.05, autosave_interval=60.0)
    session.log.close()


async def _send(pilot, app, message: str) -> None:
    app.query_one("#chat-input").value = message
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _hostile_turns(pilot, app) -> None:
    app.query_one("#chat-input").cursor_blink = False
    app.canvas.editor.cursor_blink = False
    await _send(pilot, app, EDIT_REQUEST)
    await _send(pilot, app, "critique [i]this[/i] \x1b[31m")


def _screen_text(app) -> str:
    """The characters on screen, line by line, read back from the app's SVG screenshot."""
    lines: dict[int, str] = {}
    for line, text in re.findall(
        r'<text [^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>', app.export_screenshot()
    ):
        lines[int(line)] = lines.get(int(line), "") + html.unescape(text).replace("\xa0", " ")
    return "\n".join(lines[number] for number in sorted(lines))


def test_hostile_text_everywhere_on_the_main_screen(snap_compare, hostile_app):
    async def run_before(pilot):
        await _hostile_turns(pilot, hostile_app)
        await pilot.pause(TARGET_SECONDS + 0.5)  # the edited span's highlight has faded, however slow the machine

    assert snap_compare(hostile_app, terminal_size=SIZE, run_before=run_before)


async def test_hostile_text_is_drawn_literally_and_its_actions_do_nothing(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await _hostile_turns(pilot, app)
        screen = _screen_text(app)
        assert "[@click=app.quit]" in screen and "[bold]Plan[/bold]" in screen and "[b]y[/b]" in screen
        assert "␛[2J" in screen and not TERMINAL_CONTROLS.search(screen)
        for selector in ("#chat-input", "CommentsPanel", "ChatLog", "StatusBar"):
            for widget in app.query(selector):
                await pilot.click(widget)
                await pilot.pause()
        assert app.is_running
        await pilot.press("f2")
        await pilot.pause()
        versions = _screen_text(app)
        assert "[@click=app.quit]fix[/]" in versions and "[blue]y[/]" in versions
        assert not TERMINAL_CONTROLS.search(versions)
        assert app.session.document.text == DOC.replace("small [red]x[/].", "tiny [blue]y[/].")
