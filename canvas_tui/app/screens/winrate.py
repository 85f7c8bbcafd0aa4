"""The blind A/B/tie screen of `canvas-tui winrate --app`: a prompt and two answers side by side, in a
random order the person does not see; keys 1, 2, t, s, q. Self-contained: it only needs a `judge` coroutine
(canvas_tui.judging.blind.judge_pairs bound to its pairs) that it feeds with the person's choices."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from canvas_tui.app.visible import visible
from canvas_tui.judging.blind import Choice, Decide, Pair, StopJudging
from canvas_tui.log.records import Judgement

ANSWERS = {"1": "1", "2": "2", "t": "tie", "s": "skip", "q": "quit"}


class WinRateScreen(Screen[list[Judgement]]):
    """Runs `judge(decide)` once mounted, showing one pair at a time; dismissed with the judgements made."""

    DEFAULT_CSS = """
    WinRateScreen #prompt { padding: 1 2; text-style: bold; }
    WinRateScreen .answer { width: 1fr; border: round $primary; padding: 0 1; }
    """
    BINDINGS = [
        Binding("1", "choose('1')", "First is better"),
        Binding("2", "choose('2')", "Second is better"),
        Binding("t", "choose('t')", "Tie"),
        Binding("s", "choose('s')", "Skip"),
        Binding("q", "choose('q')", "Quit"),
    ]

    def __init__(self, judge: Callable[[Decide], Awaitable[list[Judgement]]]) -> None:
        super().__init__()
        self.judge = judge
        self._choice: asyncio.Future[str] | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="prompt", markup=False)
        with Horizontal():
            for number in ("1", "2"):
                with VerticalScroll(classes="answer") as column:
                    column.border_title = f"Answer {number}"
                    yield Static("", id=f"answer-{number}", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(self._run(), exit_on_error=True)

    async def _run(self) -> None:
        self.dismiss(await self.judge(self.decide))

    async def decide(self, pair: Pair, first: str, second: str) -> tuple[Choice, str | None] | None:
        """Show the pair (as plain text) and wait for 1, 2, t, s or q."""
        self.query_one("#prompt", Label).update(visible(pair.prompt))
        self.query_one("#answer-1", Static).update(visible(first))
        self.query_one("#answer-2", Static).update(visible(second))
        self._choice = asyncio.get_running_loop().create_future()
        answer = ANSWERS[await self._choice]
        if answer == "quit":
            raise StopJudging
        return None if answer == "skip" else (answer, None)

    def action_choose(self, key: str) -> None:
        if self._choice is not None and not self._choice.done():
            self._choice.set_result(key)


class WinRateApp(App[list[Judgement]]):
    """Hosts the screen; exits with the judgements made."""

    def __init__(self, judge: Callable[[Decide], Awaitable[list[Judgement]]]) -> None:
        super().__init__()
        self.judge = judge

    def on_mount(self) -> None:
        self.push_screen(WinRateScreen(self.judge), self.exit)
