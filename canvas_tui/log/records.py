"""What the decision log stores: every decision a behaviour makes, every correction a person makes, and every
blind judgement of two outputs."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


def new_id() -> str:
    """A short unique id for records, turns and sessions."""
    return uuid.uuid4().hex[:16]


def utc_now() -> datetime:
    return datetime.now(UTC)


LOGGED_BEHAVIOURS = ("anchor", "comment", "edit", "locate", "policy", "router", "trigger")
"""The behaviours whose decisions a turn logs (`edit`: whether a model edit was applied or refused)."""


class DecisionRecord(BaseModel):
    """One decision: which behaviour and implementation, on what input, with what output, how fast."""

    id: str = Field(default_factory=new_id)
    session_id: str
    turn_id: str | None = None
    time: datetime = Field(default_factory=utc_now)
    behaviour: str
    implementation: str
    version: str
    input: dict[str, Any]
    output: dict[str, Any]
    confidence: float | None = None
    latency_ms: float = 0.0
    model: str | None = None
    backend: str | None = None
    fallback: bool = False
    raw_reply: str | None = None
    source: str | None = None
    """Where the input came from when it was not a person at the keyboard (e.g. `real-traffic:prompts` for launch
    traffic); None for the app's own turns. Drift reports and label selection filter on it."""


CorrectionKind = Literal[
    "canvas_closed",  # the person closed a canvas the trigger opened
    "canvas_opened",  # the person opened the canvas right after an inline answer
    "edit_undone",  # the person undid a model edit
    "edit_redone",  # the person redid a model edit they had undone: withdraws that edit_undone
    "section_reselected",  # the person selected a different part right after a located edit
    "comment_dismissed",  # the person dismissed a model comment
    "own_rewrite",  # the person rewrote the span a model edit just changed
    "locate_answered",  # the person picked a candidate when the locator asked
    "new_document_undone",  # the person undid a new document that replaced the open one (rejects new_document)
    "new_document_redone",  # the person redid that replacement: withdraws that new_document_undone
]
REDONE = {"edit_redone": "edit_undone", "new_document_redone": "new_document_undone"}
"""Each redo correction and the undo correction it withdraws when it is the person's last word on a decision."""


class CorrectionRecord(BaseModel):
    """A person's correction, linked to the decision it corrects: tomorrow's labels."""

    id: str = Field(default_factory=new_id)
    session_id: str
    time: datetime = Field(default_factory=utc_now)
    kind: CorrectionKind
    decision_id: str | None
    detail: dict[str, Any] = Field(default_factory=dict)


def standing(corrections: Callable[[], Iterable[CorrectionRecord]]) -> Iterator[CorrectionRecord]:
    """The corrections that still say something, in order, from a source that can be read twice (a log query, a
    recording): a redo corrects nothing, and it withdraws the undos of its decision (an edit, a new document that
    replaced the open one) when it is the person's last word on it (undo then redo is looking, not rejecting). The
    first read keeps only those decisions' ids, so a long log streams through."""
    last_word: dict[str | None, str] = {}
    for correction in corrections():
        if correction.kind in REDONE or correction.kind in REDONE.values():
            last_word[correction.decision_id] = correction.kind
    withdrawn = {decision for decision, kind in last_word.items() if kind in REDONE}
    return (
        c
        for c in corrections()
        if c.kind not in REDONE and not (c.kind in REDONE.values() and c.decision_id in withdrawn)
    )


Verdict = Literal["A", "B", "tie"]


class Judgement(BaseModel):
    """One blind comparison of two outputs for the same prompt: who was shown first, and which won."""

    id: str = Field(default_factory=new_id)
    comparison_id: str
    time: datetime = Field(default_factory=utc_now)
    judge: str = Field(description="'person' or 'model:<backend>/<model>'")
    prompt: str
    a_name: str
    b_name: str
    a_text: str
    b_text: str
    shown_first: Literal["A", "B"]
    verdict: Verdict
    reason: str | None = None
