"""Running edit cases: each in a fresh headless session, through the orchestrator as the app runs a turn."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.document import Document
from canvas_tui.edit_eval.cases import EditCase
from canvas_tui.edit_eval.checks import CheckResult, run_checks
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session


class CaseOutcome(BaseModel):
    """What one case's turn did, and each check's verdict."""

    id: str
    operation: str
    passed: bool
    changed: bool
    kind: str
    status: str
    decided: str | None = None
    notices: list[str] = []
    checks: list[CheckResult]
    seconds: float


def _selection(case: EditCase, text: str) -> Span | None:
    if case.selection is None:
        return None
    start = text.find(case.selection)
    return Span(start=start, end=start + len(case.selection)) if start >= 0 else None


async def run_case(
    case: EditCase, text: str, client: ModelClient, behaviours: Behaviours, settings: Settings
) -> CaseOutcome:
    """One turn of `case.request` on `text` in a new session (its log in memory); the checks on the result."""
    session = Session(client, behaviours, DecisionLog(":memory:"), settings, document=Document(text))
    started = time.perf_counter()
    try:
        result = await session.turn(case.request, selection=_selection(case, text))
    finally:
        session.detach()
        session.log.close()
    after = session.document.text
    checks = run_checks(case, text, after)
    decided = session.last_turn.decisions.get("policy")
    return CaseOutcome(
        id=case.id,
        operation=case.operation,
        passed=all(c.passed for c in checks),
        changed=after != text,
        kind=result.kind,
        status=result.status_line,
        decided=decided.output.get("operation", decided.output.get("label")) if decided else None,
        notices=[notice.message for notice in result.notices],
        checks=checks,
        seconds=time.perf_counter() - started,
    )


async def run_cases(
    cases: list[EditCase],
    documents: Path,
    client: ModelClient,
    behaviours: Behaviours,
    settings: Settings,
    progress: Callable[[CaseOutcome], None] | None = None,
) -> list[CaseOutcome]:
    """Every case in order on one backend."""
    outcomes = []
    for case in cases:
        outcome = await run_case(case, case.text(documents), client, behaviours, settings)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
