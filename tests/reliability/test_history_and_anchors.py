"""What the load benchmark's fixes must keep: any version's text rebuilt exactly whatever the shape of the
history, orphaned comments not searched for on unrelated edits but back on undo, and comments re-found
near where they were, or anywhere when they moved far."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.document import Comment, Document
from tests.reliability.support import fuzz_session

texts = st.text(alphabet=st.sampled_from("ab \n.é\r"), max_size=40)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 80), st.integers(0, 80), texts),
        st.tuples(st.sampled_from(["undo", "redo"])),
        st.tuples(st.just("restore"), st.integers(0, 40)),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(texts, steps)
def test_every_version_is_rebuilt_exactly_after_any_mix_of_edits_undos_redos_and_restores(initial, history):
    document = Document(initial)
    created = {0: initial}
    for step in history:
        if step[0] == "edit":
            start, end = sorted((min(step[1], len(document.text)), min(step[2], len(document.text))))
            version = document.replace(start, end, step[3], author="user", summary="edit")
        elif step[0] == "restore":
            version = document.restore(step[1] % len(document.versions))
        else:
            getattr(document, step[0])()
            continue
        if version is not None:
            created[version.number] = document.text
    for number, text in created.items():
        assert document.text_of(number) == text


class CountingRefinder:
    """Exact re-finding that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, quote: str, near: int) -> tuple[int, int] | None:
        self.calls += 1
        start = text.find(quote)
        return (start, start + len(quote)) if start >= 0 else None


def test_an_orphaned_comment_is_not_searched_for_on_unrelated_edits_and_returns_on_undo():
    text = "intro words. " * 50 + "the quoted passage here. " + "outro words. " * 50
    refinder = CountingRefinder()
    document = Document(text, refind=refinder)
    start = text.index("the quoted passage")
    comment = document.add_comment(Comment(quote="the quoted passage", comment="?", start=start, end=start + 18))
    document.replace(start, start + 18, "a new passage", author="model", summary="rewrite")
    assert document.comments[0].status == "orphaned" and refinder.calls == 1
    for offset in (0, 20, len(document.text) - 30):
        document.replace(offset, offset + 5, "EDIT!", author="user", summary="typing")
    assert refinder.calls == 1
    for _ in range(4):
        document.undo()
    restored = document.comments[0]
    assert restored.id == comment.id and restored.status == "anchored"
    assert document.text[restored.start : restored.end] == "the quoted passage"


def test_a_session_refinds_a_quote_near_its_place_or_exactly_anywhere_when_it_moved_far():
    paragraph = "Filler sentence number {n} is here. "
    text = "".join(paragraph.format(n=n) for n in range(600)) + "The budget is small. " + "Tail words. " * 10
    session = fuzz_session("chat", text, anchorer=default_anchorer())
    document = session.document
    start = text.index("The budget is small.")
    document.add_comment(Comment(quote="The budget is small.", comment="How small?", start=start, end=start + 20))
    document.replace(start + 14, start + 19, "smal", author="user", summary="typo")
    nearby = document.comments[0]
    assert nearby.status == "anchored" and document.text[nearby.start : nearby.end].startswith("The budget is smal")
    document.set_text("The budget is small. " + document.text[:start], author="user", summary="moved to the top")
    moved = document.comments[0]
    assert (moved.start, moved.status) == (0, "anchored") and document.text[moved.start : moved.end] == moved.quote
