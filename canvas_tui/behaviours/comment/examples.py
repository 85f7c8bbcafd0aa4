"""Few-shot examples for the prompted proposer, chosen from the labels by similarity to the request."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from canvas_tui.behaviours.comment.labels import LabelRow

EXAMPLES = 3


@lru_cache(maxsize=1)
def training_rows() -> tuple[LabelRow, ...]:
    """The training split of the labels (never the held-out documents); read on first use, so importing
    the package does not import the labels module (`python -m ...labels` runs it as a script)."""
    from canvas_tui.behaviours.comment.labels import read_rows, split

    return tuple(split(read_rows())[0])


def few_shot(
    request: str, kind: str, rows: tuple[LabelRow, ...] | None = None, count: int = EXAMPLES
) -> tuple[tuple[str, str], ...]:
    """`count` (quote, comment) pairs of the same request kind, most similar request first, one per category."""
    pool = [r for r in (rows if rows is not None else training_rows()) if r.kind == kind]
    ranked = sorted(pool, key=lambda r: -fuzz.token_set_ratio(request, r.request))
    chosen: dict[str, LabelRow] = {}
    for row in ranked:
        chosen.setdefault(row.category, row)
    return tuple((r.quote, r.comment) for r in list(chosen.values())[:count])
