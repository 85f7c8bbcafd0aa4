"""Behaviours that answer with the decisions a recording logged, so a replay reproduces the session
even after the real behaviours have changed (their changes are what `eval replay` measures).

Each recorded decision is matched by its input (message and document, request and span, quote and
document), in recording order; an input that was never recorded (the anchorer re-finding comments
after an edit is not logged) goes to the fallback implementation, and is counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict, deque
from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.base import AnchorResult, LocateDecision, PolicyDecision, Provenance, Span, TriggerDecision
from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.log.records import DecisionRecord

SESSION_MADE = {"selection", "person", "named-place"}
"""Locate implementations the session itself produces (a selection, a person's answer, a place the request names):
not the locator's."""


def _key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _restored(model: type[BaseModel], record: DecisionRecord) -> Any:
    provenance = Provenance(
        implementation=record.implementation,
        version=record.version,
        fallback=record.fallback,
        raw_reply=record.raw_reply,
    )
    fields = record.output | ({"provenance": provenance} if "provenance" in model.model_fields else {})
    return model.model_validate(fields)


class RecordedDecisions:
    """The recorded decisions of one recording, queued per (behaviour, input key)."""

    def __init__(self, decisions: list[DecisionRecord]) -> None:
        self._queues: dict[str, deque[DecisionRecord]] = defaultdict(deque)
        self.served = 0
        self.unrecorded = 0
        for record in decisions:
            key = self.key_of(record)
            if key is not None:
                self._queues[key].append(record)

    @staticmethod
    def key_of(record: DecisionRecord) -> str | None:
        """The input key under which a behaviour would ask for this decision (None: not a behaviour's)."""
        data = record.input
        if record.behaviour in ("trigger", "router"):
            return _key("trigger", data.get("message"), data.get("document"))
        if record.behaviour == "locate" and record.implementation not in SESSION_MADE:
            return _key("locate", data.get("document"), data.get("request"))
        if record.behaviour == "policy":
            return _key("policy", data.get("request"), data.get("span"))
        if record.behaviour == "anchor":
            return _key("anchor", data.get("document"), data.get("quote"))
        return None

    def take(self, key: str) -> DecisionRecord | None:
        """The next recorded decision for this input, or None (counted as unrecorded)."""
        queue = self._queues.get(key)
        if queue:
            self.served += 1
            return queue.popleft()
        self.unrecorded += 1
        return None


class RecordedTrigger:
    """Serves recorded trigger/router decisions."""

    name, version = "recorded", "1"

    def __init__(self, decisions: RecordedDecisions, fallback: Any) -> None:
        self.decisions, self.fallback = decisions, fallback

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision:
        record = self.decisions.take(_key("trigger", message, document))
        return _restored(TriggerDecision, record) if record else await self.fallback.decide(message, document=document)


class RecordedLocator:
    """Serves recorded locator decisions."""

    name, version = "recorded", "1"

    def __init__(self, decisions: RecordedDecisions, fallback: Any) -> None:
        self.decisions, self.fallback = decisions, fallback

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision:
        record = self.decisions.take(_key("locate", document, request))
        return _restored(LocateDecision, record) if record else await self.fallback.locate(document, request, selection)


class RecordedPolicy:
    """Serves recorded policy decisions."""

    name, version = "recorded", "1"

    def __init__(self, decisions: RecordedDecisions, fallback: Any) -> None:
        self.decisions, self.fallback = decisions, fallback

    async def decide(self, document: str, request: str, target: LocateDecision) -> PolicyDecision:
        span = target.span.model_dump() if target.span else None
        record = self.decisions.take(_key("policy", request, span))
        return _restored(PolicyDecision, record) if record else await self.fallback.decide(document, request, target)


class RecordedAnchorer:
    """Serves recorded anchor decisions; re-finding after edits (never logged) goes to the fallback."""

    name, version = "recorded", "1"

    def __init__(self, decisions: RecordedDecisions, fallback: Any) -> None:
        self.decisions, self.fallback = decisions, fallback

    def anchor(self, document: str, quote: str, *, near: int | None = None) -> AnchorResult:
        record = self.decisions.take(_key("anchor", document, quote))
        return _restored(AnchorResult, record) if record else self.fallback.anchor(document, quote, near=near)


def recorded_behaviours(decisions: list[DecisionRecord], fallback: Behaviours) -> tuple[Behaviours, RecordedDecisions]:
    """A behaviour bundle serving `decisions`, and the queue (to count what was served); comments are proposed by
    the fallback's proposer (from the recorded model replies, which the replay backend serves)."""
    queue = RecordedDecisions(decisions)
    return Behaviours(
        trigger=RecordedTrigger(queue, fallback.trigger),
        locator=RecordedLocator(queue, fallback.locator),
        policy=RecordedPolicy(queue, fallback.policy),
        anchorer=RecordedAnchorer(queue, fallback.anchorer),
        proposer=fallback.proposer,
    ), queue
