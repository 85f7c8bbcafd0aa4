"""Baselines of recordings: what the behaviours are now expected to decide, after an intended change.

A recording stays as recorded (the person's actions and corrections are facts); when a behaviour is
changed on purpose, `canvas-tui eval replay REC --rebaseline "why"` stores today's decisions in a
file beside it (`REC.baseline.json`) with the reason, and later evals compare against those instead
of the recorded ones. Every re-baselining is kept in the file's history with its reason and time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from canvas_tui import __version__
from canvas_tui.data.comment_sets import AnchoredRemark
from canvas_tui.data.outcomes import Outcome
from canvas_tui.log.records import utc_now


class BaselineTurn(BaseModel):
    """One turn's expected decisions: by `behaviour#occurrence`, and its comments as a set."""

    decisions: dict[str, Outcome] = {}
    comments: list[AnchoredRemark] = []


class Rebaselined(BaseModel):
    """One re-baselining: why, when, and by which canvas-tui version."""

    reason: str
    time: datetime = Field(default_factory=utc_now)
    canvas_tui_version: str = __version__


class Baseline(BaseModel):
    """The expected decisions of one recording, turn by turn, and how they came to be expected."""

    turns: list[BaselineTurn]
    history: list[Rebaselined]


class BaselineError(ValueError):
    """A baseline file that cannot be used, with the reason in plain words."""


def baseline_path(recording: Path) -> Path:
    """Where the baseline of `recording` is kept."""
    return recording.with_name(recording.name.removesuffix(".jsonl") + ".baseline.json")


def load_baseline(recording: Path) -> Baseline | None:
    """The baseline of `recording`, None if it has none; BaselineError if the file is unreadable."""
    path = baseline_path(recording)
    if not path.exists():
        return None
    try:
        return Baseline.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {str(exc).splitlines()[0]}") from exc


def save_baseline(recording: Path, turns: list[BaselineTurn], reason: str) -> Path:
    """Store `turns` as the new baseline of `recording`, adding `reason` to its history (atomically)."""
    previous = load_baseline(recording)
    history = [*(previous.history if previous else []), Rebaselined(reason=reason)]
    path = baseline_path(recording)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(
        Baseline(turns=turns, history=history).model_dump_json(indent=1, exclude_none=True) + "\n", encoding="utf-8"
    )
    temporary.replace(path)
    return path
