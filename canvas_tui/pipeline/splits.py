"""Which label rows each behaviour holds out for its eval.

Lint needs the split to find training rows that leak into the eval. The generic rules live here (a
`split` column, or nothing held out); a behaviour with its own rule declares it (`Behaviour.splits`)
and names it in its pipeline.toml, so the rule is the one its eval uses, never a copy.
"""

from __future__ import annotations

from canvas_tui.pipeline.contract import Split
from canvas_tui.pipeline.registry import find

TRAINING_SPLITS = {"", "dev", "train"}


def column(rows: list[dict]) -> list[bool]:
    """A `split` column: dev/train rows are for tuning, every other split (test, blind...) is held out."""
    return [str(row.get("split") or "").strip() not in TRAINING_SPLITS for row in rows]


def nothing(rows: list[dict]) -> list[bool]:
    """No row is held out (a behaviour with no eval of its own rows)."""
    return [False] * len(rows)


SPLITS: dict[str, Split] = {"column": column, "none": nothing}


def held_out(behaviour: str, kind: str, rows: list[dict]) -> list[bool]:
    """For each label row, whether behaviour `behaviour`'s eval holds it out under split rule `kind`."""
    declared = find(behaviour)
    table = SPLITS | (dict(declared.splits) if declared else {})
    if kind not in table:
        raise LookupError(f"{behaviour}: unknown split {kind!r}; known: {', '.join(sorted(table))}")
    return table[kind](rows)
