"""The canvas's wrapped document: its height is right after every edit, and reading it does not walk the document."""

from __future__ import annotations

from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument

from canvas_tui.app.widgets.canvas.wrapping import count_rows

LINE = "Canvas documents are edited by a person and a model together; every change is a version."


def _wrapped(lines: int) -> tuple[Document, WrappedDocument]:
    document = Document("\n\n".join([LINE] * lines))
    wrapped = WrappedDocument(document, width=40)
    count_rows(wrapped)
    return document, wrapped


def _type(document: Document, wrapped: WrappedDocument, text: str, row: int) -> None:
    result = document.replace_range((row, 0), (row, 0), text)
    wrapped.wrap_range((row, 0), (row, 0), result.end_location)


def test_the_height_counts_every_visual_row_after_each_edit():
    document, wrapped = _wrapped(50)
    for text, row in (("x", 10), ("a longer insertion that wraps onto another row " * 2, 20), ("new\nlines\n", 30)):
        _type(document, wrapped, text, row)
        assert wrapped.height == sum(len(offsets) + 1 for offsets in wrapped._wrap_offsets)


class _CountedWalks(list):
    """Wrap offsets that count how often something walks through them."""

    walks = 0

    def __iter__(self):
        _CountedWalks.walks += 1
        return super().__iter__()


def test_reading_the_height_after_a_keystroke_does_not_walk_a_long_document():
    document, wrapped = _wrapped(5_000)
    _type(document, wrapped, "x", 2_500)
    wrapped._wrap_offsets = _CountedWalks(wrapped._wrap_offsets)
    _CountedWalks.walks = 0
    assert wrapped.height > 5_000
    assert _CountedWalks.walks == 0
