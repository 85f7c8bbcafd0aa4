"""The trained span scorer's artifact: one logistic model per category over sentence features, as JSON.

A unit can deserve comments for several reasons (a misspelled sentence that also overclaims), so
each category is its own yes/no model. Training uses scikit-learn; prediction needs only this
record (numpy), so it loads fast, reads as text and does not depend on the scikit-learn version.
`threshold` is the least P(an allowed category) worth a comment.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydantic import BaseModel

from canvas_tui.paths import behaviour_dir


class ScorerModel(BaseModel):
    """Standardised features -> P(category) for each category, independently."""

    version: str
    feature_names: list[str]
    classes: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[list[float]]
    intercept: list[float]
    threshold: float

    def probabilities(self, vectors: list[tuple[float, ...]]) -> list[dict[str, float]]:
        """P(category) for each feature vector."""
        if not vectors:
            return []
        x = (np.asarray(vectors, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = np.clip(x @ np.asarray(self.coef).T + np.asarray(self.intercept), -50.0, 50.0)
        probs = 1.0 / (1.0 + np.exp(-logits))
        return [dict(zip(self.classes, row.tolist())) for row in probs]

    def save(self, path: Path) -> None:
        """Write the model as JSON."""
        path.write_text(self.model_dump_json(indent=1), encoding="utf-8")


ARTIFACT_NAME = "scorer.json"


def artifact_path() -> Path:
    """behaviours/comment/scorer.json."""
    return behaviour_dir("comment") / ARTIFACT_NAME


def load_model(path: Path) -> ScorerModel:
    """The scorer saved at `path`."""
    return ScorerModel.model_validate_json(path.read_text(encoding="utf-8"))


def trained_model() -> ScorerModel:
    """The scorer in the behaviour's data folder, read now (callers keep it: no module-level cache, so a scratch
    folder's artifact is never mistaken for the committed one)."""
    return load_model(artifact_path())
