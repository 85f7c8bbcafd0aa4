"""The trained policy's model: a linear artifact (canvas_tui.learn) over the request's TF-IDF terms and the
standardised dense features, P(targeted) = sigmoid(margin).

Training uses scikit-learn (`training.py`); prediction needs only the JSON artifact and numpy, so loading the
policy is fast and the artifact is readable, diffable and independent of the scikit-learn version.
"""

from __future__ import annotations

from pathlib import Path

from canvas_tui.behaviours.policy.features import DENSE_NAMES, PolicyInput, dense_features, request_text
from canvas_tui.learn.artifact import LinearArtifact, read_artifact
from canvas_tui.learn.features import Features
from canvas_tui.learn.scorer import LinearScorer

FEATURES = Features(views={"request": request_text}, dense_names=DENSE_NAMES, dense=dense_features)
"""What the policy's model reads of a decision: the request's words, and the dense features."""


class LinearPolicyModel(LinearScorer):
    """P(targeted) of one decision, from a loaded artifact."""

    def __init__(self, artifact: LinearArtifact) -> None:
        super().__init__(artifact, FEATURES)

    @property
    def terms(self) -> list[str]:
        """The request terms the model knows."""
        return self.artifact.text[0].terms

    def score(self, item: PolicyInput) -> float:
        """P(targeted) for one decision."""
        return self.probabilities([item])[0]["targeted"]

    @classmethod
    def load(cls, path: Path) -> LinearPolicyModel:
        """Read the artifact at `path`."""
        return cls(read_artifact(path))
