"""The trained span scorer: a linear artifact (canvas_tui.learn) with one sigmoid per category over the
standardised sentence features.

A unit can deserve comments for several reasons (a misspelled sentence that also overclaims), so each
category is its own yes/no model (link `ovr_sigmoid`). Training uses scikit-learn; prediction needs only the
JSON artifact and numpy, so it loads fast, reads as text and does not depend on the scikit-learn version.
`threshold` is the least P(an allowed category) worth a comment.
"""

from __future__ import annotations

from pathlib import Path

from canvas_tui.behaviours.comment.features import FEATURE_NAMES
from canvas_tui.learn.artifact import LinearArtifact, read_artifact
from canvas_tui.learn.features import Features
from canvas_tui.learn.scorer import LinearScorer
from canvas_tui.paths import behaviour_dir

FEATURES = Features(dense_names=FEATURE_NAMES, dense=tuple)
"""The scorer reads a unit's feature vector (`features.analyse`) as it is."""


class ScorerModel(LinearScorer):
    """Standardised features -> P(category) for each category, independently (`probabilities` of vectors)."""

    def __init__(self, artifact: LinearArtifact) -> None:
        super().__init__(artifact, FEATURES)

    @property
    def feature_names(self) -> list[str]:
        """The features the scorer reads, in order."""
        return list(self.artifact.dense.names) if self.artifact.dense else []


ARTIFACT_NAME = "scorer.json"


def artifact_path() -> Path:
    """behaviours/comment/scorer.json."""
    return behaviour_dir("comment") / ARTIFACT_NAME


def load_model(path: Path) -> ScorerModel:
    """The scorer saved at `path`."""
    return ScorerModel(read_artifact(path))


def trained_model() -> ScorerModel:
    """The scorer in the behaviour's data folder, read now (callers keep it: no module-level cache, so a scratch
    folder's artifact is never mistaken for the committed one)."""
    return load_model(artifact_path())
