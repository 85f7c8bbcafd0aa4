"""Documents: text with exact character offsets, versions with diffs, and anchored comments. Pure Python."""

from canvas_tui.document.changes import Change, minimal_change
from canvas_tui.document.comments import Comment, CommentStatus
from canvas_tui.document.document import Document
from canvas_tui.document.versions import Author, Version

__all__ = ["Author", "Change", "Comment", "CommentStatus", "Document", "Version", "minimal_change"]
