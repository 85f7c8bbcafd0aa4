"""Selections and highlights convert between TextArea (row, column) and document character offsets exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.document._document import Document as TextAreaDocument

from canvas_tui.app.offsets import LineIndex
from canvas_tui.app.visible import visible

TEXTS = [
    "",
    "one line",
    "a\nb\n",
    "crlf\r\nline two\r\n",
    "mixed\r\nnew\nlines\rhere",
    "emoji 🙂 and 漢字\nnext 🙂",
    "trailing\n\n\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_offset_round_trips_through_the_textarea_location(text):
    area = TextAreaDocument(text)
    index = LineIndex(text)
    assert len(index.starts) == area.line_count
    for offset in range(len(text) + 1):
        row, column = index.location(offset)
        if text[offset - 1 : offset + 1] == "\r\n" and offset > 0:
            continue  # inside a CRLF there is no location
        assert index.offset((row, column)) == offset
        assert area.get_text_range((0, 0), (row, column)).replace(area.newline, "\n") == _normalised(text[:offset])


def _normalised(text: str) -> str:
    """The TextArea joins its rows with one newline style; compare with all breaks as LF."""
    import re

    return re.sub("\r\n|[\n\r]", "\n", text)


def test_a_selection_made_backwards_is_the_same_span():
    index = LineIndex("first line\nsecond 🙂 line\n")
    assert index.span((1, 8), (0, 6)).model_dump() == {"start": 6, "end": 19}
    assert "first line\nsecond 🙂 line\n"[6:19] == "line\nsecond 🙂"


def test_locations_past_the_end_of_a_line_or_the_text_are_clamped():
    index = LineIndex("ab\ncd")
    assert index.offset((0, 99)) == 2
    assert index.offset((9, 1)) == 4
    assert index.location(99) == (1, 2)


@given(st.text(alphabet=st.sampled_from(list("ab 🙂\n\r\t\x1b\x0c\x85\u2028")), max_size=40))
def test_the_editor_rows_of_any_visible_text_are_the_index_rows(text):
    shown = visible(text)
    index = LineIndex(shown)
    rows = TextAreaDocument(shown).lines
    assert [shown[start:end] for start, end in zip(index.starts, index.ends)] == rows
