"""Launch traffic: a file of real messages decided by the behaviours exactly as the app decides a turn.

Each message runs through a real `Session` (trigger with no document; router, and for edits the locator
and the policy, with a follow-up's previous reply open as the document). Every decision is logged with its
input and a `source` tag, so the drift report and the labelling selection read launch traffic from the
same log as real use. Generation is off unless a model client is given: then the turn completes as in
the app.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable

from pydantic import BaseModel, Field

from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.data.stats import class_of
from canvas_tui.data.traffic import BadLine, TrafficRow
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.records import DecisionRecord
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session
from canvas_tui.session.events import DecisionMade

ORDER = ("trigger", "router", "locate", "policy", "edit", "comment")
"""Behaviours in the order a turn reaches them: the summary lists them so."""


class LaunchSummary(BaseModel):
    """What a launch run did: rows decided, bad lines, the decisions' classes, throughput.

    `decisions` counts each message once per behaviour: its turn's first decision of it (the one on the request);
    `further` counts the decisions a turn logged after that one (a move locates its passage and its destination, a
    place the request names is logged as a second locate). `stopped` says, for the edit turns that did not reach a
    behaviour, why, so router edits, locate and policy decisions add up.
    """

    source: str
    run_id: str
    rows: int = 0
    bad_lines: list[BadLine] = Field(default_factory=list)
    decisions: dict[str, dict[str, int]] = Field(default_factory=dict)
    further: dict[str, int] = Field(default_factory=dict)
    stopped: dict[str, dict[str, int]] = Field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        """Messages decided per second of wall time."""
        return self.rows / self.seconds if self.seconds else 0.0


def stop_reason(first: dict[str, DecisionRecord], kind: str) -> tuple[str, str] | None:
    """(the behaviour an edit turn did not reach, why), from the turn's first decision of each behaviour and the
    turn's kind; None when the turn is no edit or reached the policy."""
    router = first.get("router")
    if router is None or router.output.get("label") != "edit" or "policy" in first:
        return None
    locate = first.get("locate")
    if locate is None:
        return "locate", "the text it asks to replace is not in the document" if kind == "edit" else f"ended as {kind}"
    if kind == "question":
        return "policy", "the locator asked which part"
    if locate.output.get("span") is None:
        return "policy", "nothing located"
    return "policy", f"ended as {kind}"


class LaunchRunner:
    """Runs traffic rows through fresh sessions that share one log, one behaviour set and one client."""

    def __init__(
        self,
        client: ModelClient,
        behaviours: Behaviours,
        log: DecisionLog,
        settings: Settings,
        *,
        source: str,
        run_id: str,
    ) -> None:
        self.client, self.behaviours, self.log, self.settings = client, behaviours, log, settings
        self.summary = LaunchSummary(source=source, run_id=run_id)
        self._classes: dict[str, Counter] = {}
        self._further: Counter = Counter()
        self._stopped: dict[str, Counter] = {}

    async def run(
        self, rows: Iterable[TrafficRow | BadLine], advance: Callable[[], None] = lambda: None
    ) -> LaunchSummary:
        """Decide every row in order; bad lines are kept in the summary, never fatal."""
        started = time.perf_counter()
        for row in rows:
            if isinstance(row, BadLine):
                self.summary.bad_lines.append(row)
            else:
                await self._decide(row)
            advance()
        self.summary.seconds = time.perf_counter() - started
        self.summary.decisions = {name: dict(self._classes[name].most_common()) for name in _ordered(self._classes)}
        self.summary.further = {name: self._further[name] for name in _ordered(self._further)}
        self.summary.stopped = {name: dict(self._stopped[name].most_common()) for name in _ordered(self._stopped)}
        return self.summary

    async def _decide(self, row: TrafficRow) -> None:
        session = Session(
            self.client,
            self.behaviours,
            self.log,
            self.settings,
            session_id=f"{self.summary.run_id}:{row.id}",
            source=self.summary.source,
        )
        if row.document is not None:
            session.open_document(row.document, title=f"reply {row.id}")
        made: list[str] = []
        result = await session.turn(
            row.message, emit=lambda event: made.append(event.decision_id) if isinstance(event, DecisionMade) else None
        )
        first: dict[str, DecisionRecord] = {}
        for record in filter(None, map(self.log.decision, made)):
            if record.behaviour in first:
                self._further[record.behaviour] += 1
            else:
                first[record.behaviour] = record
                self._classes.setdefault(record.behaviour, Counter())[class_of(record)] += 1
        stop = stop_reason(first, result.kind)
        if stop is not None:
            self._stopped.setdefault(stop[0], Counter())[stop[1]] += 1
        self.summary.rows += 1


def _ordered(names: Iterable[str]) -> list[str]:
    """`names` in the order a turn reaches the behaviours (any other after them, by name)."""
    return sorted(names, key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))
