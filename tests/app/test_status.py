"""The status line: a turn's decisions are read whole, and notifications never cover them."""

from __future__ import annotations

from textual.widgets._toast import Toast

from tests.app.conftest import wait_until

LONG = (
    'router=edit 0.96 · locate=selection sentence "--- lang: en untranslated: …" (locator skipped) · '
    "policy=rewrite · operation=replace · comments=3 placed"
)


async def test_a_long_status_line_wraps_rather_than_losing_its_last_decisions(make_app, tmp_path):
    path = tmp_path / "stats.py"
    path.write_text("print(1)\n")
    app, _ = make_app(document=path)
    async with app.run_test(size=(140, 40)) as pilot:
        app.status.show_turn(LONG)
        await pilot.pause()
        turn = app.query_one("#status-turn")
        assert app.status.region.height == turn.region.height == 2
        assert "comments=3 placed" in "".join(strip.text for strip in turn.render_lines(turn.region.reset_offset))


async def test_a_notification_sits_above_the_status_line(make_app, tmp_path):
    app, _ = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        app.status.show_turn(LONG)
        app.notify("Replay finished: 22 of 22 versions match the recording; every version matches.")
        await wait_until(pilot, lambda: any(toast.region.height for toast in app.screen.query(Toast)))
        [toast] = app.screen.query(Toast)
        assert toast.region.bottom <= app.status.region.y, "the toast covers none of the status line"
