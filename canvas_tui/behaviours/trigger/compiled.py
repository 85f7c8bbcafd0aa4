"""A fast scorer equivalent to the trained pipeline's `predict_proba` for one prompt at a time.

scikit-learn spends most of a single prediction building sparse matrices; the model is linear,
so the same probabilities come from dictionary look-ups: for each vectorizer, sublinear TF times
IDF, L2-normalised, dotted with the coefficients; plus the hand features; then the link function.
This keeps a decision well under a millisecond.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from sklearn.pipeline import Pipeline

from canvas_tui.behaviours.trigger.features import HandFeatures


class _Block:
    """One vectorizer of the union, with the coefficient columns of its features."""

    def __init__(self, vectorizer, coef: np.ndarray) -> None:
        self.analyze = vectorizer.build_analyzer()
        idf = vectorizer.idf_
        self.terms = {term: (idf[index], coef[:, index]) for term, index in vectorizer.vocabulary_.items()}

    def score(self, text: str, classes: int) -> np.ndarray:
        """This block's contribution to each class's decision value."""
        total, norm = np.zeros(classes), 0.0
        for term, count in Counter(self.analyze(text)).items():
            weight = (1.0 + math.log(count)) * self.terms[term][0] if term in self.terms else 0.0
            if weight:
                norm += weight * weight
                total += weight * self.terms[term][1]
        return total / math.sqrt(norm) if norm else total


class CompiledModel:
    """Class probabilities of a fitted pipeline, computed without scikit-learn's batch machinery."""

    def __init__(self, pipeline: Pipeline) -> None:
        classifier = pipeline.named_steps["classifier"]
        coef = classifier.coef_
        self.classes = list(classifier.classes_)
        self.intercept = classifier.intercept_.copy()
        self.blocks: list[_Block] = []
        self.hand: list[tuple[HandFeatures, np.ndarray]] = []
        offset = 0
        for _, transformer in pipeline.named_steps["features"].transformer_list:
            width = len(transformer.vocabulary_) if hasattr(transformer, "vocabulary_") else len(transformer.row(""))
            columns = coef[:, offset:offset + width]
            if hasattr(transformer, "vocabulary_"):
                self.blocks.append(_Block(transformer, columns))
            else:
                self.hand.append((transformer, columns))
            offset += width

    def probabilities(self, text: str) -> dict[str, float]:
        """{label: probability} for one prompt, equal to the pipeline's predict_proba."""
        values = self.intercept + sum(block.score(text, len(self.intercept)) for block in self.blocks)
        for transformer, columns in self.hand:
            values = values + columns @ transformer.row(text)
        return dict(zip(self.classes, map(float, _link(values))))


def _link(values: np.ndarray) -> np.ndarray:
    if len(values) == 1:
        positive = 1.0 / (1.0 + math.exp(-values[0]))
        return np.array([1.0 - positive, positive])
    shifted = np.exp(values - values.max())
    return shifted / shifted.sum()
