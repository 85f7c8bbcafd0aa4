"""The anchorer answers every dev and eval row exactly as recorded in behaviours/anchor/snapshot.jsonl:
speed work on document preparation must not move a single span, score, flag or method."""

from __future__ import annotations

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.anchor.snapshot import load_snapshot, take


def test_every_row_gets_the_recorded_answer() -> None:
    recorded = {row.id: row for row in load_snapshot()}
    fresh = take(default_anchorer())
    assert len(fresh) == len(recorded)
    changed = [(row, recorded.get(row.id)) for row in fresh if recorded.get(row.id) != row]
    assert not changed, f"{len(changed)} rows changed, first: {changed[:3]}"
