"""The chat log: the person's messages as plain text, the model's replies as (streamed) markdown."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Markdown, Static

from canvas_tui.app.visible import visible
from canvas_tui.app.widgets.chat.welcome import Welcome

STREAM_REFRESH = 0.05
"""Seconds between re-renders of a reply while it streams in (deltas in between are batched)."""


class UserMessage(Static):
    """What the person sent; plain text, never markup."""

    def __init__(self, text: str) -> None:
        super().__init__(Text(visible(text)), classes="message user", markup=False)


class NoticeMessage(Static):
    """Something the person was told about a turn (kept in the log, unlike the notification)."""

    def __init__(self, level: str, text: str) -> None:
        super().__init__(
            Text(f"{'⚠' if level != 'info' else 'ℹ'} {visible(text)}"), classes=f"message notice {level}", markup=False
        )


class Reply(Markdown):
    """A model reply, rendered as markdown; links are not followed (the text is untrusted)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(visible(text), classes="message reply", open_links=False)


class ChatLog(VerticalScroll):
    """Messages top to bottom; the newest reply is re-rendered as it streams in, then once in full. It takes focus
    (to scroll by keyboard), and what is typed while it has focus goes to the message box, not nowhere."""

    class Typed(Message):
        """A character typed while the log had focus, for the message box."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._reply: Reply | None = None
        self._text = ""
        self._refresh_timer: Timer | None = None
        self._rendering = asyncio.Lock()

    def on_key(self, event: events.Key) -> None:
        """A printable key is meant for the message box: hand it over."""
        if event.is_printable and event.character:
            event.stop()
            self.post_message(self.Typed(event.character))

    def show_welcome(self) -> None:
        """Show the first screen's welcome (what the app is, requests to try, keys) until the first message."""
        self.mount(Welcome())

    def add_user(self, text: str) -> None:
        """Show a message the person sent (the welcome, if still shown, makes way for it)."""
        for welcome in self.query("#welcome"):
            welcome.remove()
        self.mount(UserMessage(text))
        self.scroll_end(animate=False)

    def add_notice(self, level: str, text: str) -> None:
        """Keep a notice about a turn in the log."""
        self.mount(NoticeMessage(level, text))
        self.scroll_end(animate=False)

    async def write(self, text: str) -> None:
        """Stream a piece of the reply (opening one if none is open)."""
        if self._reply is None:
            self._reply, self._text = Reply(), ""
            await self.mount(self._reply)
        self._text += text
        if self._refresh_timer is None:
            self._refresh_timer = self.set_timer(STREAM_REFRESH, self._render_streamed)

    async def _render_streamed(self) -> None:
        self._refresh_timer = None
        async with self._rendering:
            if self._reply is not None:
                await self._reply.update(visible(self._text))
        self.scroll_end(animate=False)

    async def finish_reply(self, full_text: str | None = None) -> None:
        """Close the streamed reply, rendering `full_text` (the turn's whole reply) as its final form."""
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None
        reply, text = self._reply, full_text if full_text is not None else self._text
        self._reply, self._text = None, ""
        async with self._rendering:
            if reply is not None:
                await reply.update(visible(text))
            elif text:
                await self.mount(Reply(text))
        self.scroll_end(animate=False)
