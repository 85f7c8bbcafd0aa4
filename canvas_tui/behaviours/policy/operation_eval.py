"""The eval of the operation decision (delete, move, insert, replace, rewrite) on the rows that label one.

The decision is the trained rewrite/targeted label plus the operation rules; the baseline in the same run
is the label alone (targeted -> replace, rewrite -> rewrite), which is what the policy did before it chose
operations. Reported on every labelled row, on the held-out ones, and on the real follow-up requests.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from canvas_tui.behaviours.policy.data import LabelRow
from canvas_tui.behaviours.policy.decide import decide_with
from canvas_tui.behaviours.policy.operations import OPERATIONS, operation_for
from canvas_tui.behaviours.policy.scorers import trained_scorer
from canvas_tui.pipeline.evalkit.tables import table

REAL_NOTE = "real follow-up"


class OperationMiss(BaseModel):
    """A labelled row the decision got wrong."""

    request: str
    gold: str
    predicted: str


class OperationScores(BaseModel):
    """Agreement of the operation decision and of the label-only baseline, overall and per subset and operation."""

    n: int
    agreement: dict[str, float]
    baseline: dict[str, float]
    subsets: dict[str, int]
    recall: dict[str, float]
    precision: dict[str, float]
    misses: list[OperationMiss]

    def markdown(self) -> str:
        """The report section."""
        lines = [
            "## Edit operation (delete, move, insert, replace, rewrite)",
            "",
            f"{self.n} rows label an operation. Decision: the trained label plus the operation rules; baseline: "
            "the label alone (targeted -> replace).",
            "",
            *table(
                ["rows", "n", "decision", "label-only baseline"],
                [[name, self.subsets[name], self.agreement[name], self.baseline[name]] for name in self.agreement],
            ),
            "",
            *table(
                ["operation", "precision", "recall"], [[op, self.precision[op], self.recall[op]] for op in OPERATIONS]
            ),
            "",
            f"Misses ({len(self.misses)}):",
            "",
            *table(["request", "gold", "decided"], [[m.request[:90], m.gold, m.predicted] for m in self.misses]),
        ]
        return "\n".join(lines) + "\n"


def _share(pairs: list[tuple[str, str]]) -> float:
    return sum(gold == predicted for gold, predicted in pairs) / len(pairs) if pairs else 0.0


def measure_operations(rows: list[LabelRow], held_out: set[str]) -> OperationScores:
    """Score the operation decision on every row with a labelled operation."""
    labelled = [row for row in rows if row.operation is not None]
    scorer = trained_scorer()
    labels = [decide_with(scorer, row.as_input(), 0.5).label for row in labelled]
    decided = [operation_for(row.request, label) for row, label in zip(labelled, labels)]
    naive = ["replace" if label == "targeted" else "rewrite" for label in labels]
    subsets = {
        "all": [True] * len(labelled),
        "held out": [row.key() in held_out for row in labelled],
        "real follow-ups": [row.note.startswith(REAL_NOTE) for row in labelled],
    }
    agreement, baseline = {}, {}
    for name, member in subsets.items():
        agreement[name] = _share([(r.operation, d) for r, d, m in zip(labelled, decided, member) if m])
        baseline[name] = _share([(r.operation, d) for r, d, m in zip(labelled, naive, member) if m])
    gold, predicted = Counter(r.operation for r in labelled), Counter(decided)
    hits = Counter(r.operation for r, d in zip(labelled, decided) if r.operation == d)
    return OperationScores(
        n=len(labelled),
        agreement=agreement,
        baseline=baseline,
        subsets={k: sum(v) for k, v in subsets.items()},
        recall={op: hits[op] / gold[op] if gold[op] else 0.0 for op in OPERATIONS},
        precision={op: hits[op] / predicted[op] if predicted[op] else 0.0 for op in OPERATIONS},
        misses=[
            OperationMiss(request=r.request, gold=r.operation, predicted=d)
            for r, d in zip(labelled, decided)
            if r.operation != d
        ],
    )
