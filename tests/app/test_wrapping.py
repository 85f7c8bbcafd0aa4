"""The canvas's wrapped document: its height is right after every edit, and reading it does not walk the document."""

from __future__ import annotations

import time

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


def test_reading_the_height_after_a_keystroke_does_not_walk_a_long_document():
    document, wrapped = _wrapped(50_000)
    reads = []
    for _ in range(20):
        _type(document, wrapped, "x", 25_000)
        started = time.perf_counter()
        assert wrapped.height > 100_000
        reads.append(time.perf_counter() - started)
    assert min(reads) < 0.0005, f"fastest read {min(reads) * 1000:.2f} ms: the height is summed line by line"
