"""Whatever the model replies, a turn never raises, the document stays valid, and every fallback is logged.

Each behaviour that uses the model gets at least 10,000 fuzzed replies: many turns per
hypothesis example, against a session over fake behaviours and an in-memory decision log.
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.base import PolicyDecision, Provenance, Span, TriggerDecision
from canvas_tui.behaviours.comment import NO_PROPOSALS, CommentProposals
from canvas_tui.llm.client import encodable
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.llm.types import ModelRequest
from canvas_tui.session.repetition import RepetitionGuard
from canvas_tui.session.validate import unwrap_document
from tests.reliability.replies import COMMENT_REPLIES, DOCUMENTS, TEXT_REPLIES
from tests.reliability.support import (
    Snapshot,
    Tally,
    assert_comments_index_the_text,
    assert_turn_kept_the_document_valid,
    fuzz_session,
)

pytestmark = pytest.mark.slow

REPLIES_PER_BEHAVIOUR = 10_000
TURNS_PER_EXAMPLE = 25


def fuzz(replies_per_turn: float = 1.0):
    """Enough examples for REPLIES_PER_BEHAVIOUR replies, with no shrinking (huge replies shrink for minutes)."""
    examples = int(REPLIES_PER_BEHAVIOUR / (TURNS_PER_EXAMPLE * replies_per_turn)) + 10
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


REQUESTS = ["rewrite this", "make it longer", "shorten this", "fix the typo", "[bold]x[/] \x1b[2J", ""]


OFFSETS = st.integers(0, 1_000_000)
WHOLE = st.integers(0, 3)
PICK_REQUEST = st.sampled_from(REQUESTS)
PICK_DOCUMENT = st.sampled_from(DOCUMENTS)


def _span(data, text: str, *, past_end: int = 0) -> Span:
    """A span of the current text, often the whole text; up to `past_end` characters past its end."""
    if data.draw(WHOLE) == 0:
        return Span(start=0, end=len(text))
    limit = len(text) + past_end + 1
    start, end = sorted((data.draw(OFFSETS) % limit, data.draw(OFFSETS) % limit))
    return Span(start=start, end=end)


def test_edit_replies_never_corrupt_the_document():
    tally = Tally()

    async def play(session, data):
        for _ in range(TURNS_PER_EXAMPLE):
            text = session.document.text
            selection = None
            if data.draw(WHOLE) == 0:
                selection = _span(data, text, past_end=6)
            else:
                session.behaviours.locator.span = _span(data, text)
            session.client.queue(data.draw(TEXT_REPLIES)(text))
            before = Snapshot.of(session.document)
            result = await session.turn(data.draw(PICK_REQUEST), selection=selection)
            assert_turn_kept_the_document_valid(session, before, result)
            edit = session.last_turn.decisions.get("edit")
            if edit is not None:
                assert edit.fallback == (not result.document_changed)
                assert edit.fallback == any("not applied" in n.message for n in result.notices)
                tally.refused += edit.fallback
            tally.changed += result.document_changed
            tally.replies += len(session.client.requests)
            session.client.requests.clear()
            session.client.replies.clear()

    @fuzz(1.0)
    @given(st.sampled_from(DOCUMENTS), st.sampled_from(["rewrite", "targeted"]), st.data())
    def run(document, policy, data):
        asyncio.run(play(fuzz_session("edit", document, policy=policy), data))

    run()
    assert tally.replies >= REPLIES_PER_BEHAVIOUR and tally.changed and tally.refused


def test_comment_replies_only_add_comments_that_index_the_text():
    tally = Tally()
    anchorer = default_anchorer()

    async def play(session, document, data):
        for _ in range(TURNS_PER_EXAMPLE):
            session.client.queue(data.draw(COMMENT_REPLIES)(document), data.draw(COMMENT_REPLIES)(document))
            before = Snapshot.of(session.document)
            result = await session.turn("critique this")
            assert_turn_kept_the_document_valid(session, before, result)
            assert session.document.text == document
            assert_comments_index_the_text(session.document)
            decision = session.last_turn.decisions["comment"]
            assert decision.fallback == any("could not be read" in n.message for n in result.notices)
            added = len(session.document.comments) - before.comments
            assert added <= session.settings.max_comments and (added == 0 or not decision.fallback)
            tally.refused += decision.fallback
            tally.replies += len(session.client.requests)
            session.client.requests.clear()
            session.client.replies.clear()

    @fuzz(1.7)
    @given(st.sampled_from(DOCUMENTS), st.data())
    def run(document, data):
        asyncio.run(play(fuzz_session("comment", document, anchorer=anchorer), document, data))

    run()
    assert tally.replies >= REPLIES_PER_BEHAVIOUR and tally.refused


def _streamed_and_kept(reply: str, chunk: int = 64) -> str:
    """What the session keeps of a streamed reply: all of it, or what came before it started repeating itself."""
    guard = RepetitionGuard()
    for start in range(0, len(reply), chunk):
        if guard.feed(reply[start : start + chunk]):
            break
    return guard.kept


def test_chat_and_new_document_replies_are_shown_or_refused_in_plain_words():
    tally = Tally()

    async def play(session, route, data):
        for _ in range(TURNS_PER_EXAMPLE):
            reply = data.draw(TEXT_REPLIES)(data.draw(PICK_DOCUMENT))
            session.client.queue(reply)
            previous, before = session.document, Snapshot.of(session.document)
            result = await session.turn(data.draw(PICK_REQUEST))
            assert Snapshot.of(previous) == before, "a chat or new-document turn changed the open document"
            kept = _streamed_and_kept(encodable(reply))
            if route == "chat":
                assert result.kind == "chat" and result.reply == kept
                assert any(n.level == "warning" for n in result.notices) == (not kept.strip())
            elif unwrap_document(kept)[0]:
                assert result.kind == "new_document" and session.document.text == unwrap_document(kept)[0]
                assert len(session.document.versions) == 1 and session.document.versions[0].author == "model"
            else:
                assert result.kind == "failed" and result.notices and session.document is previous
            tally.replies += len(session.client.requests)
            session.client.requests.clear()

    @fuzz(1.0)
    @given(st.sampled_from(["chat", "canvas"]), st.data())
    def run(route, data):
        asyncio.run(play(fuzz_session(route), route, data))

    run()
    assert tally.replies >= REPLIES_PER_BEHAVIOUR


SCHEMAS: list[tuple[type[BaseModel], BaseModel]] = [
    (CommentProposals, NO_PROPOSALS),
    (
        TriggerDecision,
        TriggerDecision(label="inline", confidence=0.0, provenance=Provenance(implementation="f", version="0")),
    ),
    (
        PolicyDecision,
        PolicyDecision(
            label="rewrite", score=0.0, threshold=0.5, provenance=Provenance(implementation="f", version="0")
        ),
    ),
]

PICK_SCHEMA = st.sampled_from(SCHEMAS)


def test_structured_decisions_are_valid_or_a_flagged_fallback():
    tally = Tally()

    async def play(client, data):
        for _ in range(TURNS_PER_EXAMPLE):
            schema, fallback = data.draw(PICK_SCHEMA)
            first, second = data.draw(COMMENT_REPLIES)(DOCUMENTS[0]), data.draw(COMMENT_REPLIES)(DOCUMENTS[0])
            client.queue(first, second)
            reply = await client.structured(ModelRequest(purpose="fuzz", messages=[]), schema, fallback)
            if reply.fallback:
                assert (
                    reply.value == fallback and reply.attempts == 2 and reply.problem and reply.raw == encodable(second)
                )
            else:
                assert schema.model_validate_json(reply.raw) == reply.value
            tally.replies += len(client.requests)
            client.requests.clear()
            client.replies.clear()

    @fuzz(1.7)
    @given(st.data())
    def run(data):
        asyncio.run(play(ScriptedClient(), data))

    run()
    assert tally.replies >= REPLIES_PER_BEHAVIOUR
