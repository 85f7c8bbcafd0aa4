"""A regression snapshot of the anchorer's outputs on every dev and eval row.

Speed work on the anchorer must not change what it answers. `snapshot.jsonl` (beside the eval
rows) records, for every row of both splits, the span, score, ambiguity flag and method the
anchorer returned when it was written; `tests/behaviours/anchor/test_anchor_snapshot.py` compares a fresh run
with it row by row. Rewrite it only on purpose (a behaviour change), with

    canvas-tui labels anchor-snapshot
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.anchor.evalset import SPLITS, data_dir, load_documents, load_rows
from canvas_tui.behaviours.interfaces import CommentAnchorer


class SnapshotRow(BaseModel):
    """What the anchorer answered for one eval row."""

    id: str
    start: int | None
    end: int | None
    score: float
    ambiguous: bool
    method: str


def snapshot_path() -> Path:
    """Where the snapshot is kept: behaviours/anchor/snapshot.jsonl."""
    return data_dir() / "snapshot.jsonl"


def take(anchorer: CommentAnchorer) -> list[SnapshotRow]:
    """The anchorer's answer on every row of every split, in file order."""
    documents = load_documents()
    answers = []
    for split in SPLITS:
        for row in load_rows(split):
            result = anchorer.anchor(documents[row.doc], row.quote)
            span = result.span
            answers.append(
                SnapshotRow(
                    id=row.id,
                    start=span.start if span else None,
                    end=span.end if span else None,
                    score=result.score,
                    ambiguous=result.ambiguous,
                    method=result.method,
                )
            )
    return answers


def load_snapshot(path: Path | None = None) -> list[SnapshotRow]:
    """The recorded answers."""
    lines = (path or snapshot_path()).read_text(encoding="utf-8").splitlines()
    return [SnapshotRow.model_validate_json(line) for line in lines if line]


def write_snapshot() -> int:
    """Record the default anchorer's answers in snapshot.jsonl; returns how many rows."""
    rows = take(default_anchorer())
    snapshot_path().write_text("".join(row.model_dump_json() + "\n" for row in rows), encoding="utf-8")
    return len(rows)
