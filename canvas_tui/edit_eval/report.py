"""The edit-outcome report: pass rates per operation and per check, backends side by side."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from canvas_tui.edit_eval.run import CaseOutcome
from canvas_tui.text import one_line


class Rate(BaseModel):
    """Passed of total."""

    passed: int = 0
    total: int = 0

    def add(self, passed: bool) -> None:
        self.passed += passed
        self.total += 1

    def __str__(self) -> str:
        return f"{self.passed}/{self.total} ({self.passed / self.total:.0%})" if self.total else "–"


class BackendSummary(BaseModel):
    """One backend's figures over every case it ran."""

    backend: str
    cases: Rate
    changed: int
    outside_changed: int
    per_operation: dict[str, Rate]
    per_check: dict[str, Rate]
    kinds: dict[str, int]
    seconds: float


def summarise(backend: str, outcomes: list[CaseOutcome]) -> BackendSummary:
    """Pass rates per operation and per check kind, and how many cases changed text outside their target."""
    cases, per_operation, per_check = Rate(), defaultdict(Rate), defaultdict(Rate)
    kinds: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        cases.add(outcome.passed)
        per_operation[outcome.operation].add(outcome.passed)
        kinds[outcome.kind] += 1
        for check in outcome.checks:
            per_check[check.kind].add(check.passed)
    outside = sum(1 for o in outcomes for c in o.checks if c.kind == "unchanged_outside" and not c.passed)
    return BackendSummary(
        backend=backend,
        cases=cases,
        changed=sum(o.changed for o in outcomes),
        outside_changed=outside,
        per_operation=dict(sorted(per_operation.items())),
        per_check=dict(sorted(per_check.items())),
        kinds=dict(sorted(kinds.items())),
        seconds=sum(o.seconds for o in outcomes),
    )


def _table(title: str, summaries: list[BackendSummary], rows: list[str], cell) -> list[str]:
    lines = [f"| {title} | " + " | ".join(s.backend for s in summaries) + " |", "|---|" + "---|" * len(summaries)]
    return lines + [f"| {row} | " + " | ".join(cell(s, row) for s in summaries) + " |" for row in rows]


def to_markdown(summaries: list[BackendSummary], outcomes: dict[str, list[CaseOutcome]], *, failures: int = 30) -> str:
    """The side-by-side tables, then the first failing cases of each backend with the checks they failed."""
    operations = sorted({op for s in summaries for op in s.per_operation})
    checks = sorted({kind for s in summaries for kind in s.per_check})
    lines = ["# Edit outcomes", ""]
    lines += _table(
        "",
        summaries,
        ["all cases", "document changed", "changed outside the target", "seconds"],
        lambda s, row: {
            "all cases": str(s.cases),
            "document changed": str(s.changed),
            "changed outside the target": str(s.outside_changed),
            "seconds": f"{s.seconds:.0f}",
        }[row],
    )
    lines += ["", *_table("operation", summaries, operations, lambda s, row: str(s.per_operation.get(row, Rate())))]
    lines += ["", *_table("check", summaries, checks, lambda s, row: str(s.per_check.get(row, Rate())))]
    lines += [
        "",
        *_table(
            "turn kind",
            summaries,
            sorted({k for s in summaries for k in s.kinds}),
            lambda s, row: str(s.kinds.get(row, 0)),
        ),
    ]
    for backend, results in outcomes.items():
        failed = [o for o in results if not o.passed]
        lines += ["", f"## Failing cases on {backend} ({len(failed)})", ""]
        for outcome in failed[:failures]:
            reasons = "; ".join(f"{c.kind}: {c.detail}" for c in outcome.checks if not c.passed)
            notice = f" — {one_line(outcome.notices[0], 80)}" if outcome.notices else ""
            lines.append(f"- {outcome.id} ({outcome.operation}, {outcome.kind}, {outcome.decided}): {reasons}{notice}")
    return "\n".join(lines) + "\n"
