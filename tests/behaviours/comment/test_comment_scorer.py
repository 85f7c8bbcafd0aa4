"""The span scorer: comments land on the flawed units the request asks about, with templated text and obvious fixes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.comment import CommentProposals
from canvas_tui.behaviours.comment.candidates import candidates, is_program
from canvas_tui.behaviours.comment.metrics import Placement, hits
from canvas_tui.behaviours.comment.proposers import DefaultProposer, ScorerProposer
from canvas_tui.behaviours.comment.requests import request_kind
from canvas_tui.behaviours.comment.templates import suggestion
from canvas_tui.llm.local import LOCAL_MODEL_NAME
from canvas_tui.llm.scripted import ScriptedClient

MEMO = (
    "# Update\n\nThe team shipped the release on time. Research shows that 80% of users want dark mode. "
    "We will definately add it next month.\n\nIn order to test it, we will ask ten users.\n"
)
CODE = "import json\n\n\ndef load(path, items=[]):\n    data = json.load(open(path))\n    return items + data\n"


def _quotes(request: str, document: str, limit: int = 5) -> list[str]:
    return [p.unit.text for p in ScorerProposer().placements(request, document, limit)]


def test_a_program_is_reviewed_line_by_line_and_prose_sentence_by_sentence():
    assert is_program(CODE) and not is_program(MEMO)
    assert {c.kind for c in candidates(CODE)} == {"line"}
    assert "def load(path, items=[]):" in _quotes("critique this", CODE)


def test_requests_are_read_as_the_kind_of_review_they_ask_for():
    assert request_kind("proofread this please") == "proofread"
    assert request_kind("check the facts") == "facts"
    assert request_kind("is the argument convincing?") == "argument"
    assert request_kind("critique this") == "critique"
    assert request_kind("proofread this", program=True) == "code"


def test_proofreading_comments_on_the_typo_and_offers_the_corrected_sentence():
    proposals = ScorerProposer().placements("proofread", MEMO, 5)
    typo = next(p for p in proposals if "definately" in p.unit.text)
    comment = ScorerProposer().comment(typo, MEMO)
    assert "definately" in comment.comment and comment.suggestion == "We will definitely add it next month."


def test_the_request_decides_the_kind_of_problem_commented_on():
    assert any("80%" in q for q in _quotes("check the facts", MEMO))
    assert not any("80%" in q for q in _quotes("proofread", MEMO))


def test_no_more_comments_than_the_limit():
    assert len(_quotes("critique this", MEMO, limit=1)) <= 1


def test_wordy_phrases_and_doubled_words_have_an_obvious_fix():
    assert suggestion("In order to test it, we ask the the users.", MEMO) == "To test it, we ask the users."
    assert suggestion("A clean sentence.", MEMO) is None


async def test_the_default_lets_the_scorer_place_comments_for_the_small_local_model_without_asking_it():
    client = ScriptedClient([], model=LOCAL_MODEL_NAME)
    result = await DefaultProposer().propose(client, "critique this", MEMO, 5)
    assert result.implementation == "span-scorer" and not result.uses_model and client.requests == []
    assert all(c.quote in MEMO for c in result.proposals.comments)


async def test_the_default_lets_any_other_model_place_its_own_comments():
    reply = json.dumps({"comments": [{"quote": "The team shipped the release on time.", "comment": "Which release?"}]})
    result = await DefaultProposer().propose(ScriptedClient([reply]), "critique this", MEMO, 5)
    assert result.uses_model and result.proposals == CommentProposals.model_validate_json(reply)


def test_placement_counts_a_phrase_inside_the_gold_sentence_as_a_hit_and_each_gold_once():
    gold = Span(start=0, end=40)
    assert hits(Span(start=5, end=12), gold) and not hits(Span(start=30, end=90), gold)
    totals = Placement()
    totals.add(3, [Span(start=0, end=40), Span(start=2, end=10), Span(start=50, end=60)], [gold], limit=5)
    assert totals.figures()["precision"] == round(1 / 3, 3) and totals.figures()["recall"] == 1.0


def test_the_shipped_scorer_was_trained_on_todays_features():
    from canvas_tui.behaviours.comment.features import FEATURE_NAMES
    from canvas_tui.behaviours.comment.model import trained_model

    assert trained_model().feature_names == list(FEATURE_NAMES)


@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                " ",
                "é",
                ".",
                "?",
                "\n",
                "\r\n",
                "\t",
                "#",
                "-",
                "*",
                "`",
                "'",
                '"',
                "7",
                "%",
                "definately",
                "def f(x=[]):",
                "The the",
                "Studies show 40%",
            ]
        ),
        max_size=60,
    ).map("".join),
    request=st.sampled_from(["critique this", "proofread", "check the facts", "review this code"]),
)
async def test_any_text_gets_at_most_the_limit_of_comments_each_quoting_a_span_of_it(text, request):
    result = await ScorerProposer().propose(ScriptedClient([]), request, text, 12)
    assert len(result.proposals.comments) <= 10
    for comment in result.proposals.comments:
        assert comment.quote in text and comment.quote.strip()


def test_a_request_for_two_kinds_of_review_gets_comments_of_both_kinds():
    quotes = _quotes("proofread and fact-check this", MEMO)
    assert any("80%" in q for q in quotes) and any("definately" in q for q in quotes)
