"""Documents change only through versions: exact offsets, invertible changes, undo/redo/restore, moving anchors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from canvas_tui.document import Comment, Document, minimal_change
from canvas_tui.document.document import UnknownVersion

texts = st.text(alphabet=st.sampled_from("ab \n.#é\r"), max_size=60)


@given(texts, texts)
def test_the_minimal_change_turns_one_text_into_the_other_and_back(before, after):
    change = minimal_change(before, after)
    assert change.apply(before) == after
    assert change.inverted().apply(after) == before


@given(texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), texts), max_size=8))
@hsettings(max_examples=200)
def test_undo_walks_back_through_every_version_and_redo_forward(initial, edits):
    document = Document(initial)
    seen = [initial]
    for a, b, new in edits:
        start, end = sorted((min(a, len(document.text)), min(b, len(document.text))))
        if document.replace(start, end, new, author="model", summary="edit"):
            seen.append(document.text)
    for expected in reversed(seen[:-1]):
        document.undo()
        assert document.text == expected
    assert document.undo() is None
    for expected in seen[1:]:
        document.redo()
        assert document.text == expected


@given(texts, st.lists(texts, min_size=1, max_size=6))
def test_every_version_text_can_be_rebuilt_and_restored(initial, texts_in_order):
    document = Document(initial)
    for text in texts_in_order:
        document.set_text(text, author="user", summary="typed")
    for version in document.versions:
        assert document.text_of(version.number) == _replay(initial, document, version.number)
    version = document.restore(0)
    assert document.text == initial
    assert version is None or version.summary == "restored version 0"


def _replay(initial, document, number):
    chain, cursor = [], number
    while cursor:
        chain.append(document.versions[cursor].change)
        cursor = document.versions[cursor].parent
    for change in reversed(chain):
        initial = change.apply(initial)
    return initial


def test_a_new_edit_after_undo_branches_and_keeps_the_old_version_in_history():
    document = Document("one two three")
    document.replace(4, 7, "2", author="model", summary="a")
    document.undo()
    document.replace(0, 3, "1", author="user", summary="b")
    assert document.text == "1 two three"
    assert not document.can_redo
    assert document.text_of(1) == "one 2 three" and len(document.versions) == 3


def test_restore_makes_an_old_text_current_as_a_new_version():
    document = Document("v0")
    document.set_text("v1", author="user", summary="x")
    document.set_text("v2", author="model", summary="y")
    document.restore(0)
    assert document.text == "v0" and document.versions[-1].summary == "restored version 0"
    assert len(document.versions) == 4


def test_the_diff_of_a_version_shows_whole_document_line_numbers():
    text = "".join(f"line {n}\n" for n in range(1, 30))
    document = Document(text)
    start = text.index("line 20")
    document.replace(start, start + 7, "LINE 20", author="model", summary="caps")
    diff = document.diff_of(1)
    assert "-line 20\n+LINE 20\n" in diff and "@@ -17,7 +17,7 @@" in diff


def test_comments_before_a_change_stay_after_it_shift_inside_it_are_refound_or_orphaned():
    text = "alpha beta gamma delta"
    document = Document(
        text, refind=lambda t, quote, near: (t.find(quote), t.find(quote) + len(quote)) if quote in t else None
    )
    before = document.add_comment(Comment(quote="alpha", comment="", start=0, end=5))
    after = document.add_comment(Comment(quote="delta", comment="", start=17, end=22))
    inside = document.add_comment(Comment(quote="beta", comment="", start=6, end=10))
    document.replace(6, 16, "BETA GAMMA!", author="model", summary="caps")
    by_id = {c.id: c for c in document.comments}
    assert (by_id[before.id].start, by_id[before.id].end) == (0, 5)
    assert document.text[by_id[after.id].start : by_id[after.id].end] == "delta"
    assert by_id[inside.id].status == "orphaned"
    document.undo()
    assert {c.id: c for c in document.comments}[inside.id].status == "anchored"


def test_dismissed_comments_are_kept_but_not_active():
    document = Document("some text")
    comment = document.add_comment(Comment(quote="some", comment="?", start=0, end=4))
    document.set_comment_status(comment.id, "dismissed")
    assert document.active_comments == [] and document.comments[0].status == "dismissed"


def test_a_change_outside_the_text_is_refused_and_changes_nothing():
    document = Document("short")
    try:
        document.replace(3, 99, "x", author="model", summary="bad")
    except ValueError:
        pass
    assert document.text == "short" and len(document.versions) == 1


@pytest.mark.parametrize("number", [-1, 2, 99])
def test_a_version_the_document_does_not_have_is_refused_in_plain_words(number):
    document = Document("one\n")
    document.set_text("two\n", author="user", summary="typed")
    for reach in (document.restore, document.diff_of, document.text_of):
        with pytest.raises(UnknownVersion, match=f"there is no version {number}: versions are numbered 0 to 1"):
            reach(number)
    assert document.text == "two\n" and len(document.versions) == 2
