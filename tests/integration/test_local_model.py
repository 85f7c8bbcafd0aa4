"""The real embedded model (SmolLM2-135M on llama.cpp) through the same client and orchestrator as the app.

Assertions are about the document and the log, never about the tiny model's wording.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from canvas_tui.behaviours.comment import CommentProposals
from canvas_tui.llm.types import ModelRequest
from canvas_tui.session import Session
from tests.fakes import fake_behaviours

pytestmark = pytest.mark.slow

DOC = (
    "# Team handbook\n\n## Meetings\n\nWe meet every Monday at nine. Meetings last thirty minutes.\n\n"
    "## Holidays\n\nEveryone gets twenty days of holiday a year. Ask your manager two weeks ahead.\n"
)


class Verdict(BaseModel):
    label: str
    confidence: float


async def test_the_local_model_really_generates_text_and_streams_it(local_client):
    deltas = [
        d
        async for d in local_client.stream(
            ModelRequest(purpose="chat", max_tokens=24, messages=[{"role": "user", "content": "Say hello."}])
        )
    ]
    assert len(deltas) > 1 and "".join(deltas).strip()


async def test_structured_output_is_valid_json_for_the_schema(local_client):
    request = ModelRequest(purpose="test", max_tokens=40, messages=[{"role": "user", "content": "Is tea a drink?"}])
    reply = await local_client.structured(request, Verdict, Verdict(label="fallback", confidence=0))
    assert not reply.fallback and isinstance(reply.value.label, str)


async def test_create_edit_and_comment_turns_through_the_orchestrator(local_client, settings, decision_log):
    session = Session(
        local_client,
        fake_behaviours(trigger=["canvas", "edit", "comment"], needle="We meet every Monday at nine."),
        decision_log,
        settings,
    )
    created = await session.turn("Write a short note about tea.")
    assert created.kind in ("new_document", "failed")
    session.open_document(DOC, title="handbook")
    edited = await session.turn("make the meeting sentence more formal")
    document = session.document
    if edited.document_changed:
        assert document.versions[-1].author == "model"
        assert document.text.endswith(
            "## Holidays\n\nEveryone gets twenty days of holiday a year. Ask your manager two weeks ahead.\n"
        )
    else:
        assert document.text == DOC and edited.notices
    commented = await session.turn("critique this")
    assert commented.kind == "comment"
    for comment in document.active_comments:
        assert document.text[comment.start : comment.end] == comment.quote
    behaviours = [d.behaviour for d in decision_log.decisions()]
    assert behaviours[:1] == ["trigger"] and {"locate", "policy", "edit", "comment"} <= set(behaviours)
    edit = next(decision_log.decisions(behaviour="edit"))
    assert edit.backend == "local" and edit.raw_reply is not None
    assert CommentProposals.model_validate(next(decision_log.decisions(behaviour="comment")).output)
