"""The trained policy's artifact: a logistic model over TF-IDF terms and dense features, as JSON.

Training uses scikit-learn; prediction needs only this record, so loading the policy is fast and
the artifact is readable, diffable and independent of the scikit-learn version.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from canvas_tui.behaviours.policy.features import PolicyInput, dense_features, request_terms


class LinearPolicyModel(BaseModel):
    """P(targeted) = sigmoid(intercept + w·tfidf(request) + v·standardised(dense features))."""

    version: str
    terms: dict[str, tuple[float, float]]
    dense_names: list[str]
    dense_mean: list[float]
    dense_scale: list[float]
    dense_weights: list[float]
    intercept: float

    def tfidf_margin(self, request: str) -> float:
        """The request's contribution: sublinear TF times IDF, L2-normalised, dotted with the weights."""
        counts = Counter(t for t in request_terms(request) if t in self.terms)
        values = {t: (1.0 + math.log(n)) * self.terms[t][0] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        if norm == 0.0:
            return 0.0
        return sum(v * self.terms[t][1] for t, v in values.items()) / norm

    def dense_margin(self, item: PolicyInput) -> float:
        """The dense features' contribution, standardised as at training time."""
        values = dense_features(item)
        return sum(w * (x - m) / s for w, x, m, s in zip(self.dense_weights, values, self.dense_mean, self.dense_scale))

    def score(self, item: PolicyInput) -> float:
        """P(targeted) for one decision."""
        margin = self.intercept + self.tfidf_margin(item.request) + self.dense_margin(item)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, margin))))

    def save(self, path: Path) -> None:
        """Write the model as JSON."""
        path.write_text(self.model_dump_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "LinearPolicyModel":
        """Read a model written by `save`."""
        return cls.model_validate_json(path.read_text(encoding="utf-8"))
