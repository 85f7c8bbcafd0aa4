"""Does a decision survive a real target? Labels may leave the target empty; in use it never is.

For held-out rows with an empty target, the target is filled with a labelled text of the same unit
(a whole document is made of the labelled paragraphs), and agreement is measured again. A policy
that leans on "the target is empty" shows up here as flips.
"""

from __future__ import annotations

from pydantic import BaseModel

from canvas_tui.behaviours.policy.data import LabelRow
from canvas_tui.behaviours.policy.decide import decide_with
from canvas_tui.behaviours.policy.features import PolicyInput
from canvas_tui.behaviours.policy.scorers import Scorer


class Robustness(BaseModel):
    """Agreement on rows whose empty target was filled, and how many decisions flipped."""

    n: int
    accuracy_empty: float
    accuracy_filled: float
    flips: int


def _kind(row: LabelRow) -> str:
    return "code" if row.category.startswith("code_") else "prose"


def fillers(rows: list[LabelRow]) -> dict[tuple[str, str], list[str]]:
    """Texts per (kind, unit) from the labelled rows that have a target; documents join paragraphs.

    Code requests get code, prose requests get prose, as they would in use.
    """
    pools: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row.target_text.strip():
            pools.setdefault((_kind(row), row.unit), []).append(row.target_text)
    for kind in ("code", "prose"):
        paragraphs = pools.get((kind, "paragraph"), [])
        pools[(kind, "document")] = ["\n\n".join(paragraphs[i::3]) for i in range(3)] if paragraphs else []
    return pools


def measure(scorer: Scorer, rows: list[LabelRow], texts: dict[tuple[str, str], list[str]]) -> Robustness:
    """Agreement of `scorer` on `rows` with empty targets, before and after filling them."""
    empty = [r for r in rows if not r.target_text.strip() and texts.get((_kind(r), r.unit))]
    before, after = [], []
    for index, row in enumerate(empty):
        pool = texts[(_kind(row), row.unit)]
        filled = PolicyInput(request=row.request, target_text=pool[index % len(pool)], unit=row.unit)
        before.append(decide_with(scorer, row.as_input(), 0.5).label)
        after.append(decide_with(scorer, filled, 0.5).label)
    gold = [r.label for r in empty]
    n = len(empty) or 1
    return Robustness(
        n=len(empty),
        accuracy_empty=sum(map(str.__eq__, before, gold)) / n,
        accuracy_filled=sum(map(str.__eq__, after, gold)) / n,
        flips=sum(map(str.__ne__, before, after)),
    )
