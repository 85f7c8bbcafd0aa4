"""The canvas by hand: typing becomes versions after a pause, comments, versions, preview and code documents."""

from __future__ import annotations

import json

from textual import events
from textual.widgets import ContentSwitcher, OptionList

from canvas_tui.app.screens.versions import VersionsScreen
from canvas_tui.app.widgets.canvas.pane import SELECTION_SETTLE
from canvas_tui.app.widgets.chat.log import NoticeMessage
from tests.app.conftest import SIZE, send, wait_until

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"


def _doc(tmp_path, text=DOC, name="plan.md"):
    path = tmp_path / name
    path.write_text(text)
    return path


async def test_typing_becomes_one_version_after_a_pause_not_one_per_keystroke(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path), debounce=3.0)
    async with app.run_test(size=SIZE) as pilot:
        app.canvas.editor.focus()
        app.canvas.editor.cursor_location = (0, 6)
        await pilot.press("!", "!", "!")
        await pilot.pause(SELECTION_SETTLE + 0.3)
        assert len(session.document.versions) == 1, "the cursor settling after typing is no pause in the typing"
        await wait_until(pilot, lambda: len(session.document.versions) > 1)
        assert session.document.text == DOC.replace("# Plan", "# Plan!!!")
        assert [v.author for v in session.document.versions] == ["file", "user"]


CODE = "def f(values):\n    total = sum(values)\n    return total\n"


async def burst(pilot, app, keys: list[str]) -> None:
    """Keys arriving all at once, as from a fast typist or a terminal multiplexer (each posted before any is handled)."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else "\r" if key == "enter" else None
        app.post_message(events.Key(key, character))
    await pilot.pause(0.2)


async def test_keys_that_arrive_together_act_in_the_order_they_were_typed(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path, CODE, "tool.py"), debounce=0.1)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.canvas.editor
        editor.focus()
        editor.cursor_location = (1, 0)
        await burst(pilot, app, ["end", "enter", "home", "shift+end", *(" " * 4), *"pass", "space", *"#x"])
        assert editor.selection.start == editor.selection.end == (2, 11)
        await wait_until(pilot, lambda: len(session.document.versions) > 1)
        await pilot.pause(SELECTION_SETTLE + 0.2)
        await pilot.press("Q")
        assert editor.document.get_line(2) == "    pass #xQ"
        await burst(pilot, app, ["home", *"y"])
        assert editor.document.get_line(2) == "    ypass #xQ"


async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_the_end_of_the_document(make_app, tmp_path):
    app, _ = make_app(document=_doc(tmp_path, CODE, "tool.py"))
    async with app.run_test(size=SIZE) as pilot:
        editor = app.canvas.editor
        editor.focus()
        editor.cursor_location = (1, 5)
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert editor.cursor_location == editor.document.end
        await pilot.press("ctrl+shift+home")
        assert editor.selected_text == CODE


async def test_pending_typing_is_committed_before_a_turn_starts(make_app, tmp_path):
    app, session = make_app(["Sure."], document=_doc(tmp_path), debounce=30, trigger=["chat"])
    async with app.run_test(size=SIZE) as pilot:
        app.canvas.editor.focus()
        app.canvas.editor.cursor_location = (0, 6)
        await pilot.press("x")
        await send(pilot, app, "thanks")
        assert session.document.text.startswith("# Planx") and session.document.versions[-1].author == "user"


async def test_comments_are_highlighted_listed_followed_dismissed_and_applied(make_app, tmp_path):
    proposals = {
        "comments": [
            {"quote": "We ship on Monday.", "comment": "Which Monday?", "suggestion": "We ship on Monday 3 March."},
            {"quote": "The budget is small.", "comment": "Say how small."},
            {"quote": "Not in the text", "comment": "dropped"},
        ]
    }
    app, session = make_app([json.dumps(proposals)], document=_doc(tmp_path), trigger=["comment"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "critique this")
        editor, comments = app.canvas.editor, app.canvas.comment_list
        assert comments.option_count == 2
        assert "comments=2 anchored, 1 dropped" in str(app.query_one("#status-turn").content)
        start = DOC.index("We ship")
        assert (0, 18, "canvas.comment") in editor._highlights[2]
        await pilot.press("f4", "down")
        assert editor.selected_text == "" and editor.cursor_location == editor.document.get_location_from_index(
            DOC.index("The budget is small.")
        )
        await pilot.press("enter")
        assert editor.selected_text == "The budget is small."
        await pilot.press("d")
        assert [c.status for c in session.document.comments] == ["anchored", "dismissed"]
        assert comments.option_count == 1
        await pilot.press("a")
        assert session.document.text[start:].startswith("We ship on Monday 3 March.")
        assert app.canvas.editor.text == session.document.text and not comments.display


def _key_bar(app) -> list[str]:
    """The keys the key bar shows (as shown), each one whole: none runs under the palette key or off the screen."""
    keys = list(app.screen.query("FooterKey"))
    palette = next(key for key in keys if key.has_class("-command-palette"))
    shown = [key for key in keys if key is not palette]
    assert all(key.region.right <= palette.region.x for key in shown), [k.key_display for k in shown]
    return [f"{key.key_display} {key.description}" for key in shown]


async def test_the_key_bar_shows_every_key_that_matters_whole_at_100_140_and_200_columns(make_app, tmp_path):
    proposals = {"comments": [{"quote": "The budget is small.", "comment": "Say how small."}]}
    app, _ = make_app([json.dumps(proposals)], document=_doc(tmp_path), trigger=["comment"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "critique this")
        for width in (100, 140, 200):
            await pilot.resize_terminal(width, 36)
            await pilot.press("escape")
            assert "F1/? Help" in _key_bar(app) and "f4 Comments" in _key_bar(app)
            await pilot.press("f4")
            comment_keys = _key_bar(app)
            for key in ("⏎ Select", "d Dismiss", "a Apply", "^z Undo", "^y Redo", "^s Save", "F1/? Help", "^q Quit"):
                assert key in comment_keys
        await pilot.press("f2")
        assert isinstance(app.screen, VersionsScreen), "the keys left out of the bar still work"


async def test_the_versions_screen_lists_every_version_with_its_diff_and_restores_one(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path))
    session.user_edit(DOC.replace("Monday", "Friday"))
    session.user_edit(DOC.replace("Monday", "Sunday"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, VersionsScreen)
        assert screen.query_one(OptionList).option_count == 3
        assert "+We ship on Sunday" in str(screen.query_one("#diff").content)
        await pilot.press("down", "down", "r")
        assert session.document.text == DOC
        assert session.document.versions[-1].summary == "restored version 0"
        assert app.canvas.editor.text == DOC


async def test_a_markdown_document_toggles_between_source_and_rendered_preview(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        switcher = app.query_one(ContentSwitcher)
        assert app.canvas.editor.language == "markdown"
        await pilot.press("f3")
        assert switcher.current == "preview"
        await pilot.press("f3")
        assert switcher.current == "editor"


async def test_a_code_document_gets_its_language_line_numbers_and_code_quick_actions(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path, "def f(x):\n    return x\n", "tool.py"))
    async with app.run_test(size=SIZE):
        editor = app.canvas.editor
        assert editor.language == "python" and editor.show_line_numbers and not editor.soft_wrap
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Quick action: Review code" in titles and "Quick action: Make it shorter" not in titles


async def test_help_lists_every_key_of_the_app(make_app):
    app, session = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        keys = {row[1] for row in app.key_rows()}
        for binding in app.BINDINGS:
            if binding.description:
                assert (binding.key_display or binding.key) in keys
        assert {"d", "a", "r,enter", "ctrl+home", "ctrl+end"} <= keys
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_a_settled_selection_made_by_the_person_is_reported_to_the_session(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path))
    reported = []
    session.select = reported.append
    async with app.run_test(size=SIZE) as pilot:
        app.canvas.editor.focus()
        app.canvas.editor.cursor_location = (2, 0)
        await pilot.press(*["shift+right"] * 7)
        start = DOC.index("We ship")
        await wait_until(pilot, lambda: reported and (reported[-1].start, reported[-1].end) == (start, start + 7))
        await pilot.pause(SELECTION_SETTLE)
        assert (reported[-1].start, reported[-1].end) == (start, start + 7)
        assert len(reported) < 7, "a selection is reported once it settles, not at every key"


async def test_the_command_palette_opens_and_closes_the_canvas(make_app, tmp_path):
    app, session = make_app(document=_doc(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Open or close the canvas")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not session.canvas_open and not app.canvas.display


async def test_after_a_comment_turn_the_next_message_is_not_about_the_first_comment(make_app, tmp_path):
    proposals = {"comments": [{"quote": "The budget is small.", "comment": "Say how small."}]}
    app, session = make_app([json.dumps(proposals), "Sure."], document=_doc(tmp_path), trigger=["comment", "chat"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "critique this")
        assert app.canvas.selection() is None
        await send(pilot, app, "what do you think?")
        assert "selection" not in app.query_one("#status-turn").render().plain


async def test_a_new_document_replacing_unsaved_changes_keeps_them_in_an_autosave(make_app, tmp_path):
    app, session = make_app(["# Fresh\n\nNew text."], document=_doc(tmp_path), trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        session.user_edit(DOC + "\nMy unsaved line.\n")
        await send(pilot, app, "Write a new essay")
        assert session.document.text == "# Fresh\n\nNew text."
        assert app.kept_before_turn is not None
        assert app.kept_before_turn.read_text().endswith("My unsaved line.\n")


async def test_a_new_document_replacing_one_with_unsaved_changes_says_in_the_chat_where_they_are_kept(
    make_app, tmp_path
):
    app, session = make_app(["# Email\n\nHello team."], document=_doc(tmp_path), trigger=["new_document"])
    session.user_edit(DOC.replace("Monday", "Friday"))
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "Write an email to the team announcing this plan")
        notices = [str(notice.content) for notice in app.query(NoticeMessage)]
        assert any("unsaved changes: Ctrl+Z brings it back, and a copy is kept in" in notice for notice in notices)
        assert session.document.text == "# Email\n\nHello team."
        await pilot.press("ctrl+z")
        assert session.document.text == DOC.replace("Monday", "Friday"), "the unsaved changes are back"


async def test_the_palette_offers_one_keys_entry_and_no_port_of_code_into_its_own_language(make_app, tmp_path):
    app, _ = make_app(document=_doc(tmp_path, "def total(items):\n    return sum(items)\n", "total.py"))
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1 and "Quick action: Port to Python" not in titles
        assert any(title.startswith("Quick action: Review") for title in titles)


async def test_narrow_terminals_share_the_width_equally_then_put_the_canvas_under_the_chat(make_app, tmp_path):
    for size, side_by_side in (((80, 24), True), ((50, 20), False)):
        app, _ = make_app(document=_doc(tmp_path))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            chat, canvas = app.query_one("#chat-pane").region, app.canvas.region
            if side_by_side:
                assert chat.y == canvas.y and abs(chat.width - canvas.width) <= 1
            else:
                assert canvas.y > chat.y and canvas.width == chat.width == size[0]
