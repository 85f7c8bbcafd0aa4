"""The model-based comment proposers: what they ask the model, and what they keep of its replies."""

from __future__ import annotations

import json

import pytest

from canvas_tui.behaviours.comment.evaluation import invents
from canvas_tui.behaviours.comment.examples import few_shot
from canvas_tui.behaviours.comment.labels import read_rows
from canvas_tui.behaviours.comment.proposers import HybridProposer, PromptedProposer, usable_text
from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.scripted import ScriptedClient

DOC = (
    "# Update\n\nResearch shows that 80% of users want dark mode. We will definately add it next month.\n\n"
    "In order to test it, we will ask ten users.\n"
)


async def test_the_prompted_model_is_sent_the_document_and_its_comments_are_kept_up_to_the_limit():
    reply = json.dumps({"comments": [{"quote": "dark mode", "comment": f"note {n}"} for n in range(4)]})
    client = ScriptedClient([reply])
    result = await PromptedProposer().propose(client, "critique this", DOC, 2)
    assert len(result.proposals.comments) == 2 and result.uses_model and result.raw_reply == reply
    assert "Research shows that 80%" in client.requests[0].messages[1]["content"]


async def test_few_shot_examples_come_from_training_labels_of_the_same_request_kind():
    client = ScriptedClient([json.dumps({"comments": []})])
    await PromptedProposer(examples=True).propose(client, "proofread this", DOC, 5)
    system = client.requests[0].messages[0]["content"]
    shots = few_shot("proofread this", "proofread")
    proofread_quotes = {r.quote for r in read_rows() if r.kind == "proofread"}
    assert shots and all(quote in proofread_quotes and quote in system for quote, _ in shots)


async def test_the_hybrid_keeps_the_scorers_places_and_uses_the_models_text_only_when_usable():
    client = ScriptedClient(lambda request: "Cite the survey behind this number." for _ in range(5))
    result = await HybridProposer().propose(client, "check the facts", DOC, 5)
    assert result.proposals.comments and all(c.quote in DOC for c in result.proposals.comments)
    assert all(c.comment == "Cite the survey behind this number." for c in result.proposals.comments)
    echoed = await HybridProposer().propose(
        ScriptedClient(lambda r: r.messages[1]["content"] for _ in range(5)), "check the facts", DOC, 5
    )
    assert all("<passage>" not in c.comment for c in echoed.proposals.comments)
    broken = await HybridProposer().propose(ScriptedClient([ModelError("broke off")] * 5), "check the facts", DOC, 5)
    assert [c.quote for c in broken.proposals.comments] == [c.quote for c in result.proposals.comments]


@pytest.mark.parametrize(
    "text, usable",
    [
        ("Cite a source for this.", True),
        ("", False),
        ("ok", False),
        ("Research shows that 80% of users want dark mode. Indeed.", False),
    ],
)
def test_a_model_comment_is_usable_when_short_and_not_a_copy_of_the_passage(text, usable):
    assert usable_text(text, "Research shows that 80% of users want dark mode.") is usable


def test_a_comment_naming_a_number_or_quote_absent_from_the_document_invents_detail():
    assert invents("The 2019 survey found 45% agree.", DOC)
    assert invents("Replace 'dark theme' here.", DOC)
    assert not invents("Where does '80%' come from?", DOC)
    assert not invents("'definately' looks misspelled.", DOC)
