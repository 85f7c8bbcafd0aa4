"""Chat turns in the app: replies stream into the chat, new documents into the canvas, edits show their target."""

from __future__ import annotations

from canvas_tui.app.widgets.chat.log import NoticeMessage, Reply, UserMessage
from tests.app.conftest import SIZE, send

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"


async def test_an_inline_answer_shows_in_the_chat_and_leaves_the_canvas_closed(make_app):
    app, session = make_app(["Paris is **the** capital."], trigger=["inline"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "capital of France?")
        assert [str(m.content) for m in app.query(UserMessage)] == ["capital of France?"]
        assert app.query(Reply).last().source == "Paris is **the** capital."
        assert not app.canvas.display
        assert "trigger=inline 0.90" in str(app.query_one("#status-turn").content)


async def test_a_new_document_opens_the_canvas_with_the_text_streamed_into_it(make_app):
    app, session = make_app(["# Ode to tea\n\nSteam rises from the cup.\n"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        seen = []
        app.canvas.stream = lambda text, original=app.canvas.stream: (seen.append(text), original(text))
        await send(pilot, app, "Write a poem about tea")
        assert app.canvas.display and session.canvas_open
        assert app.canvas.editor.text == session.document.text == "# Ode to tea\n\nSteam rises from the cup."
        assert len(seen) > 1 and "".join(seen).startswith("# Ode to tea")
        assert "trigger=canvas" in str(app.query_one("#status-turn").content)


async def test_the_canvas_opens_and_closes_by_hand_and_closing_a_new_document_is_a_correction(make_app):
    app, session = make_app(["# Essay\n\nText.\n"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "Write an essay")
        await pilot.press("ctrl+o")
        assert not app.canvas.display and not session.canvas_open
        assert [c.kind for c in session.log.corrections()] == ["canvas_closed"]
        await pilot.press("ctrl+o")
        assert app.canvas.display and session.canvas_open


async def test_a_selection_in_the_canvas_is_sent_as_character_offsets(make_app, tmp_path):
    text = "# Plan 🙂\r\n\r\nWe ship on Monday.\r\nThe budget is small.\r\n"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode())
    app, session = make_app(["We ship on Tuesday."], document=path, trigger=["edit"], policy="targeted")
    async with app.run_test(size=SIZE) as pilot:
        app.canvas.editor.selection = ((2, 0), (2, 18))
        await send(pilot, app, "change the day")
        locate = [d for d in session.log.decisions() if d.behaviour == "locate"][0]
        start = text.index("We ship")
        assert locate.input["selection"] == {"start": start, "end": start + len("We ship on Monday.")}
        assert session.document.text == text.replace("Monday", "Tuesday")
        assert app.canvas.editor.text == session.document.text
        assert str(app.query(UserMessage).last().content) == "change the day\n(about “We ship on Monday.”)"


async def test_an_edit_highlights_its_target_and_ctrl_z_in_the_chat_undoes_it(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(
        ["We ship on Tuesday."], document=path, trigger=["edit"], needle="We ship on Monday.", policy="targeted"
    )
    async with app.run_test(size=SIZE) as pilot:
        shown = []
        app.canvas.show_target = lambda start, end, original=app.canvas.show_target: (
            shown.append((start, end)),
            original(start, end),
        )
        await send(pilot, app, "we should ship a day later")
        start = DOC.index("We ship")
        assert shown == [(start, start + 18), (start, start + 19)]
        assert app.canvas.editor.text == DOC.replace("Monday", "Tuesday")
        await pilot.press("ctrl+z")
        assert session.document.text == app.canvas.editor.text == DOC
        assert [c.kind for c in session.log.corrections()] == ["edit_undone"]
        await pilot.press("ctrl+y")
        assert app.canvas.editor.text == DOC.replace("Monday", "Tuesday")


def _cursor_cells(editor) -> int:
    """How many cells of the canvas the editor draws with its cursor's colours."""
    cursor = editor.get_component_rich_style("text-area--cursor")
    lines = [editor.render_line(y) for y in range(editor.size.height)]
    return sum(
        segment.style == cursor or (segment.style and segment.style.bgcolor == cursor.bgcolor)
        for line in lines
        for segment in line
    )


async def test_the_canvas_shows_no_cursor_of_its_own_while_the_person_is_in_the_chat_box(make_app):
    app, session = make_app(["# Ode to tea\n\nSteam rises from the cup.\n", "Steam rises."], trigger=["canvas", "edit"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "Write a poem about tea")
        assert _cursor_cells(app.canvas.editor) == 0, "the document the model wrote left a cursor in the canvas"
        await send(pilot, app, "make it shorter")
        for key in ("ctrl+z", "ctrl+y", "ctrl+z"):
            await pilot.press(key)
            assert _cursor_cells(app.canvas.editor) == 0
        app.canvas.editor.cursor_blink = False
        app.canvas.editor.focus()
        await pilot.pause()
        assert _cursor_cells(app.canvas.editor) == 1, "in the canvas, its cursor shows"


async def test_undoing_an_edit_at_once_leaves_no_highlight_where_its_target_is_not(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# Plan\n\nWe ship on Monday.\n\nThe budget is small.\n")
    app, session = make_app(
        ["We ship on Tuesday now."], document=path, trigger=["edit"], needle="We ship on Monday.", policy="targeted"
    )
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "we should ship later")
        await pilot.press("ctrl+z")
        rows = [
            row for row, found in app.canvas.editor._highlights.items() if any(h[2] == "canvas.target" for h in found)
        ]
        assert rows in ([], [2]), "the edit's target is a span of the text the undo took away, not of 'The budget'"


async def test_ctrl_z_after_a_new_document_replaced_the_open_one_brings_that_one_back(make_app, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app(["# Email\n\nHello team."], document=path, trigger=["new_document"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "Write an email to the team about this plan")
        assert app.canvas.editor.text == "# Email\n\nHello team."
        assert "Ctrl+Z brings it back" in app.query(Reply).last().source
        assert app.dirty and app.save_to(tmp_path / "email.md")
        await pilot.press("ctrl+z")
        assert app.canvas.editor.text == DOC and session.document.path == path
        assert not app.dirty, "the file's own text is back, and the file was never changed"
        assert [c.kind for c in session.log.corrections()] == ["new_document_undone"]
        assert "“plan.md” is back in the canvas." in [n.message for n in app._notifications]
        await pilot.press("ctrl+y")
        assert app.canvas.editor.text == "# Email\n\nHello team." and not app.dirty, "as saved to email.md"


async def test_a_failed_turn_is_a_notification_in_plain_words_and_the_app_keeps_running(make_app):
    app, session = make_app([], trigger=["inline"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "hello [bold]there[/]")
        messages = [n.message for n in app._notifications]
        assert any("The model could not answer" in m for m in messages)
        assert "The model could not answer" in str(app.query(NoticeMessage).last().content)
        assert app.is_running
        assert [str(m.content) for m in app.query(UserMessage)] == ["hello [bold]there[/]"]


async def test_a_quick_action_records_itself_and_sends_its_fixed_request(make_app, settings, tmp_path):
    from canvas_tui.config import QuickAction

    settings.quick_actions = [QuickAction(name="Shorter", request="Make the whole document shorter.", key="ctrl+t")]
    path = tmp_path / "plan.md"
    path.write_text(DOC)
    app, session = make_app([DOC.replace(" Everyone helps.", "")], document=path, trigger=["edit"])
    recorded = []
    session.record_action = lambda kind, payload=None: recorded.append((kind, payload))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await send(pilot, app, "")
        assert recorded[0] == ("quick_action", {"name": "Shorter", "request": "Make the whole document shorter."})
        assert recorded[1][0] == "message" and recorded[1][1]["text"] == "Make the whole document shorter."
        assert "Everyone helps" not in session.document.text


async def test_a_turn_without_a_reply_does_not_repeat_the_previous_reply(make_app):
    from tests.app.conftest import send

    app, session = make_app(["# Tea\n\nTea is good.", ""], trigger=["canvas", "edit"], needle="Tea is good.")
    async with app.run_test(size=(120, 36)) as pilot:
        await send(pilot, app, "Write about tea")
        await send(pilot, app, "Make it longer")
        replies = [reply.source for reply in app.chat.query("Reply")]
        assert sum("I wrote" in reply for reply in replies) == 1


async def test_typing_while_the_chat_log_has_focus_goes_to_the_message_box(make_app):
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.chat.focus()
        await pilot.press("h", "i")
        box = app.query_one("#chat-input")
        assert box.has_focus and box.value == "hi"


async def test_the_help_lists_each_key_once(make_app):
    app, _ = make_app()
    async with app.run_test(size=SIZE):
        keys = [(where, key) for where, key, _ in app.key_rows()]
        assert len(keys) == len(set(keys)) and [key for _, key in keys].count("ctrl+p") == 1
