"""The chat log: the person's messages as plain text, the model's replies as (streamed) markdown."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownStream

from canvas_tui.app.visible import visible


class UserMessage(Static):
    """What the person sent; plain text, never markup."""

    def __init__(self, text: str) -> None:
        super().__init__(Text(visible(text)), classes="message user", markup=False)


class Reply(Markdown):
    """A model reply, rendered as markdown; links are not followed (the text is untrusted)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(visible(text), classes="message reply", open_links=False)


class ChatLog(VerticalScroll):
    """Messages top to bottom; the newest reply can be streamed into."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._stream: MarkdownStream | None = None
        self._streamed = ""

    def add_user(self, text: str) -> None:
        """Show a message the person sent."""
        self.mount(UserMessage(text))
        self.scroll_end(animate=False)

    async def start_reply(self) -> None:
        """Open a reply to stream into."""
        await self.finish_reply()
        reply = Reply()
        await self.mount(reply)
        self._stream, self._streamed = Markdown.get_stream(reply), ""

    async def write(self, text: str) -> None:
        """Stream a piece of the reply."""
        if self._stream is None:
            await self.start_reply()
        self._streamed += text
        await self._stream.write(visible(text))
        self.scroll_end(animate=False)

    async def finish_reply(self, full_text: str | None = None) -> None:
        """Close the reply being streamed; `full_text` replaces it when the stream missed something."""
        stream, self._stream = self._stream, None
        if stream is not None:
            await stream.stop()
            if full_text is not None and full_text != self._streamed:
                await stream.markdown_widget.update(visible(full_text))
        elif full_text:
            await self.mount(Reply(full_text))
        self.scroll_end(animate=False)
