"""Properties of segmentation that hold for any markdown-ish text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_tui.document.units import segment

WORDS = st.sampled_from(["alpha", "beta", "Dr.", "e.g.", "word", ",", ".", "!", "?", "x1", "“quoted”", "3.5"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
LINE = st.one_of(
    SENTENCE,
    SENTENCE.map(lambda s: "# " + s),
    SENTENCE.map(lambda s: "### " + s),
    SENTENCE.map(lambda s: "- " + s),
    st.just("```"),
    st.just("---"),
    st.just("===="),
    st.just(""),
    st.just("   "),
)
BREAK = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINE, max_size=25))
    breaks = draw(st.lists(BREAK, min_size=len(lines), max_size=len(lines)))
    return "".join(line + brk for line, brk in zip(lines, breaks)) + draw(SENTENCE)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_unit_is_a_stripped_non_empty_slice_of_the_text(text):
    seg = segment(text)
    for unit in (*seg.sections, *seg.paragraphs, *seg.sentences):
        piece = text[unit.start : unit.end]
        assert 0 <= unit.start < unit.end <= len(text)
        assert piece and piece == piece.strip()


@settings(max_examples=150, deadline=None)
@given(documents())
def test_units_nest_sentences_in_paragraphs_in_the_document(text):
    seg = segment(text)
    for sentence in seg.sentences:
        assert any(p.contains(sentence.start, sentence.end) for p in seg.paragraphs)
    for paragraph in seg.paragraphs:
        assert seg.document.contains(paragraph.start, paragraph.end)
        holders = [s for s in seg.sections if s.start <= paragraph.start < s.end]
        assert all(s.contains(paragraph.start, paragraph.end) for s in holders)


@settings(max_examples=100, deadline=None)
@given(documents())
def test_units_of_one_kind_are_in_order_and_do_not_overlap(text):
    seg = segment(text)
    for units in (seg.paragraphs, seg.sentences):
        for before, after in zip(units, units[1:]):
            assert before.end <= after.start
