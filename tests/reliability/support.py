"""Helpers shared by the reliability tests: sessions over fake behaviours, and the invariants every turn keeps."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_tui.behaviours.base import LocateDecision, Span
from canvas_tui.config import Settings
from canvas_tui.document import Document
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session, TurnResult
from tests.fakes import FAKE, fake_behaviours

INTERNAL_ERROR = "Something went wrong"
"""The words of Session.turn's last-resort catch: a fuzzed reply must never reach it."""


@dataclass
class SpanLocator:
    """A locator that returns whatever span the test chose for the next turn (even a bad one)."""

    span: Span | None = None
    name: str = "span-locator"
    version: str = "0"

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision:
        return LocateDecision(span=self.span, unit="paragraph", confidence=0.5, provenance=FAKE)


def fuzz_session(route: str, document: str | None = None, *, policy: str = "rewrite", anchorer=None) -> Session:
    """A session whose trigger always routes to `route`, with an in-memory log and a scripted model."""
    behaviours = fake_behaviours(trigger=[route], policy=policy)
    behaviours.locator = SpanLocator()
    if anchorer is not None:
        behaviours.anchorer = anchorer
    session = Session(ScriptedClient(chunk=64), behaviours, DecisionLog(":memory:"), Settings(log_path=":memory:"))
    if document is not None:
        session.open_document(document, title="fuzzed")
    return session


@dataclass
class Snapshot:
    """The document as it was before a turn."""

    text: str | None
    current: int | None
    versions: int
    comments: int = 0

    @classmethod
    def of(cls, document: Document | None) -> Snapshot:
        if document is None:
            return cls(None, None, 0)
        return cls(document.text, document.current, len(document.versions), len(document.comments))


@dataclass
class Tally:
    """What the fuzzing did, so the tests can assert their own volume."""

    replies: int = 0
    changed: int = 0
    refused: int = 0


def assert_turn_kept_the_document_valid(session: Session, before: Snapshot, result: TurnResult) -> None:
    """Unchanged, or changed by exactly one new model version whose change applies to the previous text."""
    assert not any(INTERNAL_ERROR in notice.message for notice in result.notices), result.notices
    document = session.document
    if before.text is None:
        return
    if document.text == before.text and document.current == before.current:
        assert len(document.versions) == before.versions and not result.document_changed
        return
    assert result.document_changed and len(document.versions) == before.versions + 1
    version = document.versions[-1]
    assert document.current == version.number and version.parent == before.current and version.author == "model"
    assert version.change.apply(before.text) == document.text
    assert document.text.strip(), "a model edit emptied the document"


def assert_comments_index_the_text(document: Document) -> None:
    """Every active comment's span lies in the text and covers the quote it shows."""
    for comment in document.active_comments:
        assert 0 <= comment.start <= comment.end <= len(document.text)
        assert document.text[comment.start : comment.end] == comment.quote
