"""More independent labels for rows already in a behaviour's labels: the label becomes the majority.

A labeller who was unsure, or a row the model keeps disputing, deserves more opinions. Each votes file is one
more labeller's answers, keyed by the rows' `id`. A row's label becomes the label most of its labellers chose
(its current label counts as one vote); a tie keeps the current label. The tally is written into the row's
`note`, so the spreadsheet shows how contested each row was, and the file keeps its columns and line endings.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from canvas_tui.data.label_table import read_table, write_table


class VoteResult(BaseModel):
    """What a vote did: rows whose label changed, rows confirmed, and votes skipped by reason."""

    changed: int = 0
    confirmed: int = 0
    skipped: dict[str, int] = Field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count one skipped vote."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read_votes(path: Path) -> dict[str, str]:
    """One labeller's answers, id -> label, from a CSV or JSON-lines file with `id` and `label` fields."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return {str(row.get("id") or "").strip(): str(row.get("label") or "").strip() for row in rows}


def majority(current: str, votes: list[str]) -> str:
    """The label most labellers chose, counting `current` as one of them; a tie keeps `current`."""
    tally = Counter([current, *votes])
    best = max(tally.values())
    return current if tally[current] == best else next(label for label, n in tally.most_common() if n == best)


def tally_note(note: str, current: str, votes: list[str]) -> str:
    """The row's note with the labellers' tally after it (replacing an earlier tally)."""
    kept = note.split(" | votes:")[0].strip()
    counts = ", ".join(f"{label} {n}" for label, n in Counter([current, *votes]).most_common())
    return f"{kept} | votes: {counts}".strip(" |")


def apply_votes(target: Path, vote_files: list[Path], classes: tuple[str, ...]) -> VoteResult:
    """Rewrite `target`'s labels by majority with the votes of `vote_files` (each one more labeller)."""
    result = VoteResult()
    ballots: dict[str, list[str]] = {}
    for path in vote_files:
        for row_id, label in read_votes(path).items():
            if label not in classes:
                result.skip(f"unknown label {label!r}")
            else:
                ballots.setdefault(row_id, []).append(label)
    table = read_table(target)
    found = set()
    for row in table.rows:
        votes = ballots.get(row.get("id") or "")
        if not votes:
            continue
        found.add(row["id"])
        winner = majority(row["label"], votes)
        result.changed += winner != row["label"]
        result.confirmed += winner == row["label"]
        row["note"] = tally_note(row.get("note") or "", row["label"], votes)
        row["label"] = winner
    for _ in set(ballots) - found:
        result.skip("id not in the labels")
    write_table(target, table)
    return result
