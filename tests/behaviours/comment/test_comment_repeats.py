"""Comments worth reading: a repeated passage gets one comment, no remark is left twice on the same text,
and the proposer's own positions place each comment on the copy it was about."""

from __future__ import annotations

from canvas_tui.behaviours.comment.proposers import DefaultProposer
from canvas_tui.behaviours.comment.repeats import distinct, repeat_comments
from canvas_tui.behaviours.comment.schema import ProposedComment
from canvas_tui.llm.local import LOCAL_MODEL_NAME
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import Session
from tests.fakes import fake_behaviours

LOOPED = "Trees cool the streets in summer and give shade to everyone who walks below them."
ESSAY = f"# Trees\n\n{LOOPED}\n\nCities should plant more of them.\n\n{LOOPED}\n\n{LOOPED}\n"


def test_a_paragraph_repeated_three_times_gets_one_comment_on_its_first_repeat():
    [comment] = repeat_comments(ESSAY)
    assert comment.quote == LOOPED and comment.at == ESSAY.index(LOOPED, ESSAY.index("Cities"))
    assert "3 times" in comment.comment


def test_a_sentence_repeated_inside_different_paragraphs_is_a_comment_and_short_repeats_are_not():
    sentence = "Bees pollinate most of the crops that people eat each year."
    text = f"Bees matter. {sentence} Yes.\n\nYes. Honey is a bonus. {sentence}\n"
    [comment] = repeat_comments(text)
    assert comment.quote == sentence and comment.at == text.rindex(sentence) and "twice" in comment.comment
    assert repeat_comments("Yes.\n\nYes.\n\nA different paragraph entirely, long enough to count.\n") == []


def test_the_same_remark_on_the_same_text_is_kept_once_but_different_remarks_are_kept():
    same = ProposedComment(quote="We ship  on Monday.", comment="Which Monday?")
    again = ProposedComment(quote="We ship on Monday.", comment="which monday?", at=40)
    other = ProposedComment(quote="We ship on Monday.", comment="Say the date.")
    assert distinct([same, again, other]) == [same, other]


async def test_critique_of_a_looping_essay_on_the_embedded_model_leaves_no_duplicate_comments():
    client = ScriptedClient(model=LOCAL_MODEL_NAME)
    result = await DefaultProposer().propose(client, "Critique this", ESSAY, 5)
    comments = result.proposals.comments
    assert len({(c.quote, c.comment) for c in comments}) == len(comments)
    assert any("repeats an earlier one" in c.comment for c in comments)
    assert client.requests == []


async def test_code_is_not_told_it_repeats_itself():
    code = "def f():\n    return 1\n\n" + "value = compute_the_value(first_argument, second_argument)\n\n" * 2
    result = await DefaultProposer().propose(ScriptedClient(model=LOCAL_MODEL_NAME), "Review this code", code, 5)
    assert not any("repeats an earlier" in c.comment for c in result.proposals.comments)


async def test_comments_are_anchored_at_the_position_their_proposer_gave(settings, decision_log):
    session = Session(
        ScriptedClient(model=LOCAL_MODEL_NAME), fake_behaviours(trigger=["comment"]), decision_log, settings
    )
    session.open_document(ESSAY, title="trees")
    await session.turn("Critique this")
    repeat = next(c for c in session.document.comments if "repeats an earlier" in c.comment)
    assert repeat.start == ESSAY.index(LOOPED, ESSAY.index("Cities"))
    assert len({(c.start, c.comment) for c in session.document.comments}) == len(session.document.comments)
