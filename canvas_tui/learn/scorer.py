"""The one scorer of linear artifacts: numpy and the standard library, no scikit-learn at predict time.

For each text block: sublinear (or raw) term frequency times IDF, L2-normalised, dotted with the terms'
coefficients, found by dictionary look-up (a single decision stays well under a millisecond); plus the
standardised dense features times their weights; plus the intercepts; then the link.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from canvas_tui.learn.analyzers import build_analyzer
from canvas_tui.learn.artifact import LinearArtifact, TextBlock
from canvas_tui.learn.features import Features

CLIP = 50.0
"""Margins are clipped to ±CLIP before a sigmoid (beyond it the probability is 0 or 1 to double precision)."""


class _TextScorer:
    """One text block: analyzer plus {term: (idf, coefficient per output)}."""

    def __init__(self, block: TextBlock, features: Features) -> None:
        if block.view is not None and block.view not in features.views:
            raise ValueError(
                f"the model's {block.name!r} block reads the view {block.view!r}, "
                f"which the behaviour does not provide (it has {sorted(features.views)})"
            )
        self.analyze = build_analyzer(block, features.views.get(block.view) if block.view else None)
        self.sublinear, self.normalise = block.sublinear_tf, block.norm == "l2"
        coef = np.asarray(block.coef, dtype=np.float64).T.copy()
        self.terms = {term: (idf, coef[index]) for index, (term, idf) in enumerate(zip(block.terms, block.idf))}
        self.outputs = coef.shape[1]

    def margin(self, item: Any) -> np.ndarray:
        """This block's contribution to each output's margin."""
        total, norm = np.zeros(self.outputs), 0.0
        for term, count in Counter(self.analyze(item)).items():
            entry = self.terms.get(term)
            if entry is None:
                continue
            weight = ((1.0 + math.log(count)) if self.sublinear else float(count)) * entry[0]
            norm += weight * weight
            total += weight * entry[1]
        return total / math.sqrt(norm) if norm and self.normalise else total


class LinearScorer:
    """Class probabilities of a `LinearArtifact` for the inputs of the behaviour whose `Features` it was given."""

    def __init__(self, artifact: LinearArtifact, features: Features) -> None:
        expected = tuple(artifact.dense.names) if artifact.dense else ()
        if expected != tuple(features.dense_names):
            raise ValueError(
                f"the {artifact.task} model was trained on dense features {list(expected)}, "
                f"but the behaviour provides {list(features.dense_names)}: retrain or fix the features"
            )
        self.artifact, self.features = artifact, features
        self.classes = list(artifact.classes)
        self.intercepts = np.asarray(artifact.intercepts, dtype=np.float64)
        self.blocks = [_TextScorer(block, features) for block in artifact.text]
        dense = artifact.dense
        self.mean = np.asarray(dense.mean) if dense else None
        self.scale = np.asarray(dense.scale) if dense else None
        self.weights = np.asarray(dense.weights, dtype=np.float64) if dense else None

    @property
    def version(self) -> str:
        """The artifact's version."""
        return self.artifact.version

    @property
    def threshold(self) -> float:
        """The artifact's decision threshold (0.5 when it records none)."""
        return self.artifact.threshold if self.artifact.threshold is not None else 0.5

    def save(self, path: Path) -> None:
        """Write the artifact as JSON."""
        self.artifact.save(path)

    def _text_margins(self, item: Any) -> np.ndarray:
        return self.intercepts + sum(block.margin(item) for block in self.blocks)

    def margins(self, items: Sequence[Any]) -> np.ndarray:
        """One row of output margins per input."""
        rows = np.vstack([self._text_margins(item) for item in items]) if items else np.zeros((0, len(self.intercepts)))
        if self.weights is None or not items:
            return rows
        values = np.asarray([self.features.dense(item) for item in items], dtype=np.float64)
        return rows + ((values - self.mean) / self.scale) @ self.weights.T

    def probabilities(self, items: Sequence[Any]) -> list[dict[str, float]]:
        """{class: probability} for each input."""
        return [dict(zip(self.classes, map(float, row))) for row in self._link(self.margins(items))]

    def _link(self, margins: np.ndarray) -> list[np.ndarray]:
        link = self.artifact.link
        if link == "sigmoid":
            positive = [1.0 / (1.0 + math.exp(-max(-CLIP, min(CLIP, float(m))))) for m in margins[:, 0]]
            return [np.array([1.0 - p, p]) for p in positive]
        if link == "ovr_sigmoid":
            return list(1.0 / (1.0 + np.exp(-np.clip(margins, -CLIP, CLIP))))
        shifted = np.exp(margins - margins.max(axis=1, keepdims=True))
        return list(shifted / shifted.sum(axis=1, keepdims=True))
