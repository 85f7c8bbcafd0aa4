"""The app on the real local model: create a document, edit it, comment on it, through the keyboard.

Assertions are about what the app shows and what the session holds, never about the tiny model's wording.
"""

from __future__ import annotations

import pytest

from canvas_tui.app import build_app
from canvas_tui.session import Session
from tests.app.conftest import send
from tests.fakes import fake_behaviours

pytestmark = pytest.mark.slow


async def test_create_edit_and_comment_in_the_app_on_the_local_model(local_client, settings, decision_log):
    settings.max_tokens = 160
    session = Session(
        local_client, fake_behaviours(trigger=["canvas", "edit", "comment"], policy="rewrite"), decision_log, settings
    )
    app = build_app(session)
    async with app.run_test(size=(140, 40)) as pilot:
        await send(pilot, app, "Write a short note about why teams should write things down.")
        assert app.canvas.display and session.document is not None
        assert app.canvas.editor.text.strip() and app.canvas.editor.text == session.document.text

        await send(pilot, app, "Make it more formal.")
        assert app.canvas.editor.text == session.document.text
        edit = [d for d in decision_log.decisions() if d.behaviour == "edit"][-1]
        assert edit.output["label"] in ("applied", "refused")
        assert (edit.output["label"] == "applied") == (len(session.document.versions) == 2)

        await send(pilot, app, "Critique this note.")
        comments = session.document.active_comments
        assert app.canvas.comment_list.option_count == len(comments)
        assert all(session.document.text[c.start : c.end] == c.quote for c in comments)
        assert app.is_running and "comments=" in str(app.query_one("#status-turn").content)
