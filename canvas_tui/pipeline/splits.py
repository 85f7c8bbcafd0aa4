"""Which label rows each behaviour holds out for its eval, asked of the behaviour's own split code.

Lint needs the split to find training rows that leak into the eval; each behaviour already
defines its split, so these adapters only call it, they never re-implement it.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

TRAINING_SPLITS = {"", "dev", "train"}


def _trigger(rows: list[dict]) -> list[bool]:
    """The trigger and router split: every fifth row of each label in a stable hash order."""
    from canvas_tui.behaviours.trigger.data import LabelRow, split

    parsed = [LabelRow(prompt=str(r.get("prompt") or ""), label=str(r.get("label") or "")) for r in rows]
    held = {id(row) for row in split(parsed)[1]}
    return [id(row) in held for row in parsed]


def _policy(rows: list[dict]) -> list[bool]:
    """The policy split: a hash of each row's request, target text and unit."""
    from canvas_tui.behaviours.policy.data import LabelRow

    flags = []
    for row in rows:
        try:
            flags.append(LabelRow.model_validate(row).held_out())
        except ValidationError:
            flags.append(False)
    return flags


def _column(rows: list[dict]) -> list[bool]:
    """A `split` column: dev/train rows are for tuning, every other split (test, blind...) is held out."""
    return [str(row.get("split") or "").strip() not in TRAINING_SPLITS for row in rows]


def _comment(rows: list[dict]) -> list[bool]:
    """The comment split: whole documents are held out (behaviours/comment/split.json)."""
    from canvas_tui.behaviours.comment.labels import held_out_documents

    held = held_out_documents()
    return [str(row.get("doc") or "") in held for row in rows]


def _none(rows: list[dict]) -> list[bool]:
    return [False] * len(rows)


SPLITS: dict[str, Callable[[list[dict]], list[bool]]] = {
    "trigger": _trigger, "policy": _policy, "column": _column, "comment": _comment, "none": _none,
}


def held_out(kind: str, rows: list[dict]) -> list[bool]:
    """For each label row, whether the behaviour's eval holds it out."""
    return SPLITS[kind](rows)
