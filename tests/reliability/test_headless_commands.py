"""Whatever a person types into the headless chat (commands with missing, wrong or hostile arguments, with
or without a document), the chat answers with a line and goes on: it never raises."""

from __future__ import annotations

import asyncio
import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas_tui.headless import HeadlessChat
from tests.reliability.replies import HOSTILE
from tests.reliability.support import fuzz_session

COMMANDS = [
    "show",
    "versions",
    "diff",
    "undo",
    "redo",
    "restore",
    "select",
    "comments",
    "dismiss",
    "apply",
    "open",
    "close",
    "quick",
    "save",
    "help",
    "nonsense",
    "",
]
ARGUMENTS = st.one_of(
    st.integers(-3, 40).map(str),
    st.sampled_from(["c1", "c2", "x", "''", '"', "Review code", "a b"]),
    st.sampled_from(HOSTILE),
    st.text(max_size=8),
)
LINES = st.one_of(
    st.builds(
        lambda name, args: "/" + " ".join([name, *args]), st.sampled_from(COMMANDS), st.lists(ARGUMENTS, max_size=3)
    ),
    st.sampled_from(["hello", "critique this", "\x1b[2J", "/", "//", "/ show"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(LINES, max_size=12))
def test_any_command_line_gets_an_answer_and_never_stops_the_chat(tmp_path_factory, with_document, lines):
    session = fuzz_session("comment", "# Plan\n\nWe ship on Monday.\n" if with_document else None)
    session.client.queue(*['{"comments": [{"quote": "We ship on Monday.", "comment": "When?"}]}'] * len(lines))
    out = io.StringIO()
    with contextlib.chdir(tmp_path_factory.mktemp("saves")):
        asyncio.run(HeadlessChat(session, out).run(lines))
    assert out.getvalue().count("\n") >= sum(1 for line in lines if line.strip())
