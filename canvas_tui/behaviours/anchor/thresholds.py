"""The acceptance thresholds of approximate matches, measured on the dev split (see spec.md).

They live in behaviours/anchor/thresholds.json, written by `calibrate.py`; the defaults here are
that file's values at the time of writing, used only if the file is missing.
"""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import BaseModel, Field

from canvas_tui.behaviours.anchor.words import WordGaps
from canvas_tui.paths import behaviour_dir


class Thresholds(BaseModel):
    """When an approximate match counts as the quote, and how far elided parts may be apart."""

    max_error_rate: float = Field(0.22, ge=0.0, le=1.0, description="edit distance / quote length")
    max_missing_words: int = Field(2, ge=0, description="quote words absent from the matched region")
    max_foreign_words: int = Field(0, ge=0, description="missing quote words not even a typo away")
    max_dropped_words: int = Field(0, ge=0, description="matched words the quote leaves out (not typos)")
    min_fuzzy_length: int = Field(8, ge=1, description="shorter quotes must match exactly")
    max_elision_gap: int = Field(4000, ge=0, description="normalised chars allowed between elided parts")

    def max_distance(self, length: int) -> int:
        """The largest edit distance accepted for a quote of `length` normalised characters."""
        return math.floor(self.max_error_rate * length) if length >= self.min_fuzzy_length else -1

    def accepts_words(self, gaps: WordGaps) -> bool:
        """Whether a match with these word gaps counts as the quote."""
        return (
            gaps.missing <= self.max_missing_words
            and gaps.foreign <= self.max_foreign_words
            and gaps.dropped <= self.max_dropped_words
        )


def thresholds_path() -> Path:
    """Where the calibrated thresholds are kept."""
    return behaviour_dir("anchor") / "thresholds.json"


def load_thresholds(path: Path | None = None) -> Thresholds:
    """The calibrated thresholds, or the defaults when no file was written yet."""
    path = path or thresholds_path()
    return Thresholds.model_validate_json(path.read_text(encoding="utf-8")) if path.exists() else Thresholds()
