"""The first screen teaches: what the app is, requests to try and the keys that matter, until the first message."""

from __future__ import annotations

from canvas_tui.app.widgets.chat.welcome import EXAMPLES, Welcome
from tests.app.conftest import SIZE, send


def _shown(app) -> str:
    return str(app.query_one(Welcome).render())


async def test_an_app_started_without_a_document_opens_on_the_welcome(make_app):
    app, _ = make_app()
    async with app.run_test(size=SIZE):
        text = _shown(app)
        assert "beside a document" in text
        assert all(example in text for example in EXAMPLES)
        assert all(key in text for key in ("Ctrl+O", "Ctrl+Z", "Ctrl+P", "F1"))


async def test_the_welcome_makes_way_for_the_first_message(make_app):
    app, _ = make_app(["Hello."], trigger=["inline"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "hi")
        assert not app.query(Welcome)


async def test_an_app_opened_on_a_document_shows_the_document_not_the_welcome(make_app, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nSome text.\n")
    app, _ = make_app(document=path)
    async with app.run_test(size=SIZE):
        assert not app.query(Welcome)
