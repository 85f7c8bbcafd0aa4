"""The placement eval: each implementation proposes comments on held-out cases; their quotes are anchored
and the anchored spans compared with the gold spans (metrics.py), with latency per case. A model error
on a case counts as a fallback with no comments, so one broken reply cannot stop the comparison.

Comment text is judged by one deterministic check: the share of comments that name a specific (a
number, a quoted phrase) found nowhere in the document, i.e. invented detail."""

from __future__ import annotations

import re
import time

from pydantic import BaseModel

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.comment.labels import Case, document
from canvas_tui.behaviours.comment.metrics import Placement
from canvas_tui.behaviours.comment.proposers import CommentProposer
from canvas_tui.behaviours.comment.schema import ProposedComment
from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelError
from canvas_tui.pipeline.evalkit.tables import table

LIMIT = 5
_SPECIFIC = re.compile(r"\d[\d.,:%]*|'([^']{2,60})'|\"([^\"]{2,60})\"|“([^”]{2,60})”")


def invents(comment: str, document: str) -> bool:
    """True when a comment names a specific (a number or a quoted phrase) that is not in the document."""
    for match in _SPECIFIC.finditer(comment):
        specific = next((g for g in match.groups() if g), match.group()).strip(" .,:")
        if specific and specific not in document:
            return True
    return False


class ImplementationResult(BaseModel):
    """One implementation's placement figures and latency over the cases it ran on (`name`: its eval name)."""

    name: str
    figures: dict[str, float]
    mean_latency_ms: float
    fallbacks: int
    invented_rate: float
    samples: list[dict[str, str | None]]


async def _propose(
    proposer: CommentProposer, client: ModelClient, case: Case, text: str, limit: int
) -> tuple[list[ProposedComment], bool]:
    """The proposed comments and whether the proposer fell back (a model error counts: no comments)."""
    try:
        result = await proposer.propose(client, case.request, text, limit)
    except ModelError:
        return [], True
    return result.proposals.comments[:limit], result.fallback


async def run(
    name: str, proposer: CommentProposer, client: ModelClient, cases: list[Case], limit: int = LIMIT
) -> ImplementationResult:
    """Propose on every case, anchor every quote, and score the anchored spans against the gold."""
    anchorer, totals, elapsed, fallbacks, samples, invented = default_anchorer(), Placement(), 0.0, 0, [], 0
    for case in cases:
        text = document(case.doc)
        started = time.perf_counter()
        comments, failed = await _propose(proposer, client, case, text, limit)
        elapsed += time.perf_counter() - started
        fallbacks += failed
        anchored = [anchorer.anchor(text, c.quote).span for c in comments]
        invented += sum(invents(c.comment, text) for c in comments)
        totals.add(
            len(comments),
            [s for s in anchored if s is not None],
            [Span(start=g.start, end=g.end) for g in case.gold],
            limit,
        )
        samples += [
            {"request": case.request, "quote": c.quote[:80], "comment": c.comment, "suggestion": c.suggestion}
            for c in comments[:1]
        ]
    return ImplementationResult(
        name=name,
        figures=totals.figures(),
        fallbacks=fallbacks,
        samples=samples[:6],
        invented_rate=round(invented / max(1, totals.proposed), 3),
        mean_latency_ms=round(1000 * elapsed / max(1, len(cases)), 1),
    )


def render(results: list[ImplementationResult], note: str) -> str:
    """A markdown report: one row per implementation, then a sample comment of each."""
    rows = [
        [
            r.name,
            r.figures["cases"],
            r.figures["precision"],
            r.figures["recall"],
            r.figures["recall_at_limit"],
            r.figures["f1"],
            r.figures["anchor_rate"],
            r.invented_rate,
            r.fallbacks,
            f"{r.mean_latency_ms:.0f}",
        ]
        for r in results
    ]
    lines = [
        "# comment placement eval",
        "",
        note,
        "",
        *table(
            [
                "implementation",
                "cases",
                "precision",
                "recall",
                "recall@5",
                "F1",
                "anchor rate",
                "invented",
                "fallbacks",
                "ms/case",
            ],
            rows,
        ),
    ]
    for r in results:
        lines += ["", f"## {r.name}: samples", ""]
        lines += [
            f"- [{s['request']}] “{s['quote']}” → {s['comment']}"
            + (f" (suggest: {s['suggestion']})" if s["suggestion"] else "")
            for s in r.samples
        ]
    return "\n".join(lines) + "\n"
