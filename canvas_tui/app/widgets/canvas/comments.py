"""The list of the document's active comments: moving through it shows each comment's span; Enter selects that span,
so the next message is about it (only on purpose: a selection made by browsing would silently narrow the next edit)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from canvas_tui.app.keys import VIEW_KEYS, unshown
from canvas_tui.app.visible import visible
from canvas_tui.document import Comment


class CommentList(OptionList):
    """One line per active comment; Enter selects its span, `d` dismisses it, `a` applies its suggestion.

    Its keys have one-word labels in the key bar (the help shows their tooltips), and the keys for other panes and
    views still work here but are not shown: with them all, the bar was cut before Undo and Help at 140 columns."""

    BINDINGS = [
        Binding("enter", "select", "Select", tooltip="Select its passage: your next message is about it"),
        Binding("d", "dismiss_comment", "Dismiss", tooltip="Dismiss the comment"),
        Binding("a", "apply_comment", "Apply", tooltip="Apply its suggestion"),
        *unshown(VIEW_KEYS),
    ]

    class Chosen(Message):
        """A comment became the highlighted one (show its span), or was picked with Enter (`select`: select its span
        for the next message)."""

        def __init__(self, comment: Comment, select: bool = False) -> None:
            super().__init__()
            self.comment, self.select = comment, select

    class Act(Message):
        """The person dismissed a comment or applied its suggestion."""

        def __init__(self, comment: Comment, action: str) -> None:
            super().__init__()
            self.comment, self.action = comment, action

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comments: list[Comment] = []

    def show(self, comments: list[Comment]) -> None:
        """Replace the list (keeps the highlighted row where it can)."""
        if [(c.id, c.start, c.end) for c in comments] == [(c.id, c.start, c.end) for c in self.comments]:
            return
        highlighted = self.highlighted
        self.comments = list(comments)
        self.clear_options()
        self.add_options([Option(_label(comment), id=comment.id) for comment in comments])
        if comments:
            self.highlighted = min(highlighted or 0, len(comments) - 1)

    @property
    def current(self) -> Comment | None:
        """The highlighted comment, if any."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.comments):
            return None
        return self.comments[self.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Only the person moving through the list selects a comment's span: a highlight set when the
        list is refreshed must not select text, or the next message would silently be about it."""
        event.stop()
        if self.has_focus and self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a comment: its span becomes the selection the next message is about."""
        event.stop()
        if self.current is not None:
            self.post_message(self.Chosen(self.current, select=True))

    def action_dismiss_comment(self) -> None:
        if self.current is not None:
            self.post_message(self.Act(self.current, "dismiss"))

    def action_apply_comment(self) -> None:
        if self.current is not None:
            self.post_message(self.Act(self.current, "apply"))


def _label(comment: Comment) -> Text:
    """Untrusted text as plain Text: quote, comment, and the suggestion when there is one."""
    quote = " ".join(visible(comment.quote).split())
    text = Text(f"“{quote[:40]}{'…' if len(quote) > 40 else ''}” ", style="italic")
    text.append(visible(comment.comment), style="")
    if comment.suggestion is not None:
        text.append(f"  → {visible(comment.suggestion)}", style="green")
    return text
