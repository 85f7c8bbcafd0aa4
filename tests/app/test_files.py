"""Saving, autosave and quitting: unsaved changes are never lost silently."""

from __future__ import annotations

import os

from canvas_tui.app.autosave import autosave_path, write_autosave
from canvas_tui.app.document_actions import file_stem
from canvas_tui.app.languages import is_code
from canvas_tui.app.screens.confirm import Choice, SaveAs, path_lines
from canvas_tui.app.widgets.chat.log import NoticeMessage
from tests.app.conftest import SIZE, send, wait_until

DOC = "# Plan\n\nWe ship on Monday.\n"


async def test_ctrl_s_saves_the_document_to_its_file(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path)
    async with app.run_test(size=SIZE) as pilot:
        session.user_edit(DOC + "More.\n")
        app.refresh_canvas()
        assert app.dirty
        await pilot.press("ctrl+s")
        assert path.read_text() == DOC + "More.\n" and not app.dirty


async def test_a_new_document_asks_for_a_file_name_when_saved(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app, session = make_app(["# Ode to tea\n\nSteam.\n"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "write a poem")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveAs)
        assert app.screen.query_one("#save-path").value == str(tmp_path / "ode-to-tea.md")
        await pilot.press("enter")
        assert (tmp_path / "ode-to-tea.md").read_text() == "# Ode to tea\n\nSteam."
        assert session.document.title == "ode-to-tea.md"


async def test_a_new_code_document_is_code_and_is_offered_a_name_in_its_language(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app, session = make_app(["```python\ndef add(a, b):\n    return a + b\n```"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "write a function that adds two numbers")
        assert session.document.text == "def add(a, b):\n    return a + b" and is_code(session.document)
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#save-path").value == str(tmp_path / "add.py")


async def test_saving_as_a_file_that_exists_asks_before_replacing_it(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ode-to-tea.md").write_text("someone else's file\n")
    app, session = make_app(["# Ode to tea\n\nSteam.\n"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "write a poem")
        await pilot.press("ctrl+s", "enter")
        assert isinstance(app.screen, Choice)
        await pilot.click("#rename")
        assert isinstance(app.screen, SaveAs) and (tmp_path / "ode-to-tea.md").read_text() == "someone else's file\n"
        await pilot.press("escape", "ctrl+s", "enter")
        await pilot.click("#replace")
        assert (tmp_path / "ode-to-tea.md").read_text() == "# Ode to tea\n\nSteam."


def test_a_file_name_is_suggested_from_the_titles_first_words_without_a_subject_label():
    assert file_stem("Subject: Project Update - Team Planning…") == "project-update-team-planning"
    assert (
        file_stem("In the realm of sustainable agriculture, bees matter") == "in-the-realm-of-sustainable-agriculture"
    )
    assert file_stem("***") == "untitled"
    assert file_stem("Python code: add_numbers") == "add_numbers"


async def test_quitting_with_unsaved_changes_asks_and_keeps_an_autosave(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("CANVAS_TUI_DATA_DIR", str(tmp_path / "a-rather-long-data-directory" / "canvas-tui-data"))
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path)
    async with app.run_test(size=SIZE) as pilot:
        session.user_edit(DOC + "Unsaved.\n")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Choice) and app.is_running
        assert autosave_path(session.document).read_text() == DOC + "Unsaved.\n"
        assert str(app.screen.query_one(".question").content).endswith("A copy is kept in:")
        shown = str(app.screen.query_one(".path").content)
        assert shown.replace("\n", "") == str(autosave_path(session.document)) and "\n" in shown
        assert shown.split("\n")[-1] == autosave_path(session.document).name, "the path breaks after a separator"
        await pilot.click("#cancel")
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("right", "enter")
    assert path.read_text() == DOC, "Right then Enter is the second choice, quit without saving"


async def test_quitting_with_nothing_unsaved_just_quits(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        assert not app.is_running


async def test_an_autosave_newer_than_the_file_is_offered_at_open_with_its_path(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path)
    session.document.text = DOC + "Recovered.\n"
    copy = write_autosave(session.document)
    session.document.text = DOC
    os.utime(path, (1, 1))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, Choice)
        assert str(app.screen.query_one(".path").content).replace("\n", "") == str(copy)
        await pilot.click("#restore")
        assert session.document.text == DOC + "Recovered.\n" and app.canvas.editor.text == session.document.text
        assert any(str(copy) in n.message for n in app._notifications)


async def test_autosave_writes_a_copy_of_unsaved_changes_periodically(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(document=path, autosave_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        session.user_edit(DOC + "Typed.\n")
        copy = autosave_path(session.document)
        await wait_until(pilot, lambda: copy.exists() and copy.read_text() == DOC + "Typed.\n")


async def test_a_file_that_cannot_be_opened_is_a_notification_and_the_app_starts(make_app):
    app, session = make_app(problems=["notes.bin looks like a binary file; canvas-tui started without it."])
    async with app.run_test(size=SIZE):
        assert [n.message for n in app._notifications] == [
            "notes.bin looks like a binary file; canvas-tui started without it."
        ]
        assert "notes.bin looks like a binary file" in str(app.query(NoticeMessage).last().content)
        assert not app.canvas.display


def test_a_long_path_is_broken_after_its_separators_never_inside_a_name():
    path = "/home/ana/projects/notes/home/.local/share/canvas-tui/autosave/stats-b3be22a0.py"
    lines = path_lines(path, width=40)
    assert "".join(lines.split("\n")) == path
    assert all(len(line) <= 40 and line.endswith("/") for line in lines.split("\n")[:-1])
    assert lines.split("\n")[-1].endswith("/stats-b3be22a0.py") or lines.split("\n")[-1] == "stats-b3be22a0.py"
