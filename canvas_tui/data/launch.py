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
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session


class LaunchSummary(BaseModel):
    """What a launch run did: rows decided, bad lines, the decisions' classes, throughput."""

    source: str
    run_id: str
    rows: int = 0
    bad_lines: list[BadLine] = Field(default_factory=list)
    decisions: dict[str, dict[str, int]] = Field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        """Messages decided per second of wall time."""
        return self.rows / self.seconds if self.seconds else 0.0


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
        self.summary.decisions = {name: dict(counts.most_common()) for name, counts in sorted(self._classes.items())}
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
        await session.turn(row.message)
        for behaviour, record in session.last_turn.decisions.items():
            self._classes.setdefault(behaviour, Counter())[class_of(record)] += 1
        self.summary.rows += 1
