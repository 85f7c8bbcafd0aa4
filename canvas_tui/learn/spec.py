"""How a behaviour describes its linear model to the trainer: TF-IDF blocks, dense scaling, classifier settings.

Plain data (no scikit-learn import), so a behaviour can declare its spec beside its features.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class TextSpec:
    """One TF-IDF block: which view it reads and how the view is cut into terms (TfidfVectorizer's settings)."""

    name: str
    view: str | None = None
    analyzer: Literal["word", "char_wb"] = "word"
    ngram_range: tuple[int, int] = (1, 1)
    token_pattern: str = r"(?u)\b\w\w+\b"
    min_df: int = 1
    sublinear_tf: bool = True


@dataclass(frozen=True)
class LinearSpec:
    """A behaviour's linear model: its text blocks, its dense block's scaling, the classifier's settings."""

    text: tuple[TextSpec, ...] = ()
    standardise: bool = True
    classifier: dict[str, Any] = field(default_factory=dict)
