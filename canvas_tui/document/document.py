"""A document: its current text, its version tree with undo/redo/restore, and its comments."""

from __future__ import annotations

from pathlib import Path

from canvas_tui.document.changes import Change, minimal_change
from canvas_tui.document.comments import Comment, Refinder, follow_change
from canvas_tui.document.diff import change_diff
from canvas_tui.document.versions import Author, Version


class UnknownVersion(IndexError):
    """A version number the document does not have (versions are numbered 0 to the newest)."""


class Document:
    """Text that changes only through versions, so every change has an author, a diff, and an undo."""

    def __init__(
        self,
        text: str,
        *,
        title: str = "untitled",
        path: Path | None = None,
        author: Author = "user",
        refind: Refinder | None = None,
        language: str | None = None,
    ) -> None:
        self.title = title
        self.path = path
        self.language = language
        """The language of a code document that has no file name to tell it (the fence the model wrapped it in)."""
        self.saved_text: str | None = text if path is not None else None
        """What the document's file holds as far as the app knows (read from it, or last written to it); None for a
        document never saved. Kept with the document, so one brought back by undo knows its own file's state."""
        self.refind = refind
        self._root_text = text
        self.text = text
        self.versions: list[Version] = [Version(number=0, parent=None, author=author, summary="created")]
        self.current = 0
        self._redo: list[int] = []
        self.comments: list[Comment] = []

    def replace(self, start: int, end: int, new: str, *, author: Author, summary: str) -> Version | None:
        """Replace `[start, end)` with `new` as a new version; None if it changes nothing."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the document (length {len(self.text)})")
        return self._commit(Change(start=start, old=self.text[start:end], new=new), author, summary)

    def set_text(self, new_text: str, *, author: Author, summary: str) -> Version | None:
        """Make `new_text` the current text as a new version (the change is the smallest differing region)."""
        return self._commit(minimal_change(self.text, new_text), author, summary)

    def _commit(self, change: Change, author: Author, summary: str) -> Version | None:
        if change.is_empty():
            return None
        version = Version(number=len(self.versions), parent=self.current, author=author, summary=summary, change=change)
        self.versions.append(version)
        self._redo.clear()
        self._move(change, version.number)
        return version

    def _move(self, change: Change, to_version: int) -> None:
        self.text = change.apply(self.text)
        self.current = to_version
        self.comments = [follow_change(comment, change, self.text, self.refind) for comment in self.comments]

    @property
    def can_undo(self) -> bool:
        return self.versions[self.current].parent is not None

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Version | None:
        """Go back to the parent version; None if there is nothing to undo."""
        version = self.versions[self.current]
        if version.parent is None or version.change is None:
            return None
        self._redo.append(version.number)
        self._move(version.change.inverted(), version.parent)
        return self.versions[self.current]

    def redo(self) -> Version | None:
        """Re-apply the version last undone; None if there is nothing to redo."""
        if not self._redo:
            return None
        version = self.versions[self._redo.pop()]
        self._move(version.change, version.number)
        return version

    def text_of(self, number: int) -> str:
        """The full text of any version, rebuilt along the shorter path: from the current text through the
        nearest common ancestor, or from the root (each step copies the whole text, so on long histories
        of large documents the path length is what makes a restore or a diff fast or slow)."""
        target, here = self._lineage(self.checked(number)), self._lineage(self.current)
        on_here = set(here)
        common = next(version for version in target if version in on_here)
        up, down = here[: here.index(common)], target[: target.index(common)]
        if len(up) + len(down) < len(target) - 1:
            text = self.text
            for version in up:
                text = self.versions[version].change.inverted().apply(text)
        else:
            text, down = self._root_text, target[:-1]
        for version in reversed(down):
            text = self.versions[version].change.apply(text)
        return text

    def checked(self, number: int) -> int:
        """`number` if the document has that version; otherwise UnknownVersion, said in plain words."""
        if not 0 <= number < len(self.versions):
            raise UnknownVersion(f"there is no version {number}: versions are numbered 0 to {len(self.versions) - 1}")
        return number

    def _lineage(self, number: int) -> list[int]:
        """`number` and its ancestors, up to the root version 0."""
        chain, cursor = [], number
        while cursor is not None:
            chain.append(cursor)
            cursor = self.versions[cursor].parent
        return chain

    def restore(self, number: int, *, author: Author = "user") -> Version | None:
        """Make an earlier version's text current again, as a new version (history is kept)."""
        return self.set_text(self.text_of(number), author=author, summary=f"restored version {number}")

    def diff_of(self, number: int) -> str:
        """The unified diff a version made against its parent ('' for the first version)."""
        version = self.versions[self.checked(number)]
        if version.change is None or version.parent is None:
            return ""
        return change_diff(self.text_of(version.parent), version.change, label=self.title)

    def add_comment(self, comment: Comment) -> Comment:
        """Attach an anchored comment; its span must index the current text."""
        if not 0 <= comment.start <= comment.end <= len(self.text):
            raise ValueError("comment span is outside the document")
        self.comments.append(comment)
        return comment

    def set_comment_status(self, comment_id: str, status: str) -> Comment:
        """Mark a comment dismissed or applied (it stays in the list, for the log and for undo)."""
        for index, comment in enumerate(self.comments):
            if comment.id == comment_id:
                self.comments[index] = comment.model_copy(update={"status": status})
                return self.comments[index]
        raise KeyError(comment_id)

    @property
    def active_comments(self) -> list[Comment]:
        return [comment for comment in self.comments if comment.active]
