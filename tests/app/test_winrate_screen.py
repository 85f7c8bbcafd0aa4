"""The blind A/B/tie screen: answers shown as plain text in a random order, keys judged, judgements stored."""

from __future__ import annotations

import random
from functools import partial

from canvas_tui.app.screens.winrate import WinRateApp
from canvas_tui.judging.blind import Pair, judge_pairs
from canvas_tui.log.datalog import DataLog

PAIRS = [
    Pair(prompt="[b]Write[/b] a haiku", a="old [red]haiku[/red]", b="new haiku"),
    Pair(prompt="Summarise", a="old summary", b="new summary"),
    Pair(prompt="Explain", a="old", b="new"),
]


async def test_keys_judge_each_pair_and_quitting_keeps_what_was_judged(tmp_path):
    log = DataLog(tmp_path / "log.sqlite3")
    app = WinRateApp(
        partial(
            judge_pairs, PAIRS, judge="person", names=("old", "new"), log=log, comparison_id="c", rng=random.Random(0)
        )
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "[b]Write[/b] a haiku" in str(app.screen.query_one("#prompt").render())
        shown = [str(app.screen.query_one(f"#answer-{n}").render()) for n in ("1", "2")]
        assert "old [red]haiku[/red]" in shown
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    judgements = app.return_value
    first_shown_old = shown[0].startswith("old")
    assert [j.verdict for j in judgements] == ["A" if first_shown_old else "B", "tie"]
    assert list(log.judgements("c")) == judgements
    log.close()
