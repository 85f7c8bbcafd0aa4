"""A new document that took the place of the open one, kept so that undo can bring the earlier one back whole (its
text, title, file, versions and comments) and redo can put the new one in its place again."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_tui.document import Document


@dataclass
class Replacement:
    """The document a new one replaced, the new one, and the decision behind each one's model versions."""

    earlier: Document
    earlier_decisions: dict[int, str]
    later: Document
    later_decisions: dict[int, str]
    decision_id: str
    """The decision that wrote the new document (the router's new_document): undoing the replacement corrects it."""
    brought_back_at: tuple[int, int] = (-1, -1)
    """The earlier document's current version and version count when undo brought it back: redo replaces it again
    only from there (after a new version of it, redo is that document's own, as after any new edit)."""

    def undoable(self, document: Document) -> bool:
        """Whether undo on `document` now undoes this replacement: it is the new document, with nothing of its own
        left to undo."""
        return document is self.later and not document.can_undo

    def redoable(self, document: Document) -> bool:
        """Whether redo on `document` now redoes this replacement: it is the document brought back, as it was then."""
        return document is self.earlier and (document.current, len(document.versions)) == self.brought_back_at
