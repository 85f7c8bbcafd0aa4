"""A change to a text is one region replaced: enough for every edit, undo and restore, and cheap to store."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Change(BaseModel):
    """Replace `old` at offset `start` with `new`; invertible, so versions store changes, not copies."""

    start: int = Field(ge=0)
    old: str
    new: str

    @property
    def end(self) -> int:
        """End of the replaced region in the text before the change."""
        return self.start + len(self.old)

    @property
    def delta(self) -> int:
        """How much longer the text is after the change."""
        return len(self.new) - len(self.old)

    def apply(self, text: str) -> str:
        """The text after the change; refuses a text the change was not made on."""
        if text[self.start : self.end] != self.old:
            raise ValueError(f"change at {self.start} does not match the text it is applied to")
        return text[: self.start] + self.new + text[self.end :]

    def inverted(self) -> Change:
        """The change that undoes this one."""
        return Change(start=self.start, old=self.new, new=self.old)

    def is_empty(self) -> bool:
        return self.old == self.new


def minimal_change(before: str, after: str) -> Change:
    """The smallest single region whose replacement turns `before` into `after` (common prefix and suffix kept)."""
    limit = min(len(before), len(after))
    prefix = _longest(lambda k: before[:k] == after[:k], limit)
    suffix = _longest(lambda k: before[len(before) - k :] == after[len(after) - k :], limit - prefix)
    return Change(start=prefix, old=before[prefix : len(before) - suffix], new=after[prefix : len(after) - suffix])


def _longest(holds, limit: int) -> int:
    """The largest k <= limit for which the monotone predicate `holds(k)` is true (binary search, C-speed compares)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle):
            low = middle
        else:
            high = middle - 1
    return low
