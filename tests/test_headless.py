"""The headless chat: one turn per line, the change or reply printed, one status line per turn, /commands."""

from __future__ import annotations

import io

import pytest

from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import Session
from tests.fakes import fake_behaviours


async def run(lines, replies, settings, decision_log, **behaviours):
    out = io.StringIO()
    from canvas_tui.headless import HeadlessChat

    session = Session(ScriptedClient(replies), fake_behaviours(**behaviours), decision_log, settings)
    failures = await HeadlessChat(session, out).run(lines)
    return out.getvalue(), failures, session


async def test_each_turn_prints_its_output_and_a_status_line(settings, decision_log):
    out, failures, _ = await run(
        ["Write a note", "Make it longer"],
        ["# Note\n\nShort.", "Short, and then some."],
        settings,
        decision_log,
        trigger=["canvas", "edit"],
        needle="Short.",
    )
    assert failures == 0
    assert "# Note\n\nShort.\n⟫ trigger=canvas 0.90\n" in out
    assert (
        "-Short.\n+Short, and then some.\n" in out
        and 'Done: rewrote ¶1 "Short, and then some.". Undo it with /undo.' in out
    )
    assert "Ctrl+Z" not in out
    assert "⟫ router=edit 0.90 · locate=" in out and "policy=rewrite" in out


async def test_commands_undo_and_show_versions(settings, decision_log):
    out, _, session = await run(
        ["Write a note", "Make it longer", "/undo", "/versions", "/nonsense"],
        ["# Note\n\nShort.", "Short, and then some."],
        settings,
        decision_log,
        trigger=["canvas", "edit"],
        needle="Short.",
    )
    assert session.document.text == "# Note\n\nShort."
    assert "undone" in out and "  v1 model" in out and "* v0 model" in out and "unknown command /nonsense" in out


async def test_undo_after_a_new_document_replaced_the_open_one_says_which_document_is_back(settings, decision_log):
    out, _, session = await run(
        ["Write a note", "Write a poem about tea", "/undo", "/redo"],
        ["# Note\n\nShort.", "# Tea\n\nSteam."],
        settings,
        decision_log,
        trigger=["canvas", "new_document"],
    )
    assert "I wrote “Tea” in the canvas, in place of “Note” (/undo brings it back)." in out
    assert "undone: “Note” is back in the canvas\nredone: “Tea” is back in the canvas\n" in out
    assert session.document.text == "# Tea\n\nSteam."


async def test_a_failed_turn_is_counted_and_explained(settings, decision_log):
    out, failures, _ = await run(["Write a note"], [""], settings, decision_log, trigger=["canvas"])
    assert failures == 1 and "[error] The model wrote nothing" in out


async def test_a_bad_command_argument_is_an_error_line_not_a_crash(settings, decision_log):
    out, _, _ = await run(["/select 1", "/show"], [], settings, decision_log)
    assert out.count("[error]") == 2


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("/select 50 10", "0 <= START <= END <= "),
        ("/select 0", "usage: /select START END"),
        ("/dismiss c9", "there is no comment c9 (/comments lists them)"),
        ("/apply c1", "there is no comment c1"),
        ("/diff 7", "the document has versions 0 to 0"),
        ("/restore two", "the document has versions 0 to 0"),
        ("/save /nonexistent/dir/x.md", "could not save /nonexistent/dir/x.md: No such file or directory"),
        ("/frobnicate", "unknown command /frobnicate"),
    ],
)
async def test_a_command_that_cannot_be_done_says_why_in_plain_words_and_counts_as_failed(
    settings, decision_log, tmp_path, command, said
):
    out = io.StringIO()
    from canvas_tui.headless import HeadlessChat

    session = Session(ScriptedClient([]), fake_behaviours(), decision_log, settings)
    session.open_document("# Plan\n\nShip it.\n", title="plan")
    failures = await HeadlessChat(session, out).run([command])
    out = out.getvalue()
    assert "[error] " in out and said in out and failures == 1
    assert ".tmp" not in out and "pydantic" not in out
