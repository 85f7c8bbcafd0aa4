"""Fit the trained policy with scikit-learn and export it as a `LinearPolicyModel`.

TF-IDF (sublinear, L2) over the request's unigrams and bigrams, plus standardised dense features
(unit kind, target length, length ratio, cue counts...), into an L2-regularised logistic regression.
The regularisation strength is chosen by stratified cross-validation on the training rows only.
"""

from __future__ import annotations

import hashlib

import numpy as np
from pydantic import BaseModel
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from canvas_tui.behaviours.policy.data import LabelRow
from canvas_tui.behaviours.policy.features import DENSE_NAMES, dense_features, request_terms
from canvas_tui.behaviours.policy.linear import LinearPolicyModel

C_GRID = (1.0, 3.0, 10.0, 30.0)
FOLDS = 5


class Fit(BaseModel):
    """A fitted model with its training-time figures."""

    model: LinearPolicyModel
    c: float
    cv_accuracy: dict[str, float]
    train_accuracy: float
    export_error: float


class _Features:
    """The feature transform: a TF-IDF vectoriser and a dense scaler, fitted together."""

    def __init__(self) -> None:
        self.vectoriser = TfidfVectorizer(analyzer=request_terms, sublinear_tf=True, norm="l2")
        self.scaler = StandardScaler()

    def fit_transform(self, rows: list[LabelRow]) -> csr_matrix:
        text = self.vectoriser.fit_transform([r.request for r in rows])
        dense = self.scaler.fit_transform(np.array([dense_features(r.as_input()) for r in rows]))
        return hstack([text, csr_matrix(dense)]).tocsr()

    def transform(self, rows: list[LabelRow]) -> csr_matrix:
        text = self.vectoriser.transform([r.request for r in rows])
        dense = self.scaler.transform(np.array([dense_features(r.as_input()) for r in rows]))
        return hstack([text, csr_matrix(dense)]).tocsr()


def _targets(rows: list[LabelRow]) -> np.ndarray:
    return np.array([1 if r.label == "targeted" else 0 for r in rows])


def _classifier(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000)


def cv_accuracy(rows: list[LabelRow], c: float, seed: int) -> float:
    """Mean accuracy over stratified folds of `rows`, re-fitting the features inside every fold."""
    labels = _targets(rows)
    scores = []
    for train_idx, test_idx in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(labels, labels):
        features = _Features()
        classifier = _classifier(c).fit(features.fit_transform([rows[i] for i in train_idx]), labels[train_idx])
        predicted = classifier.predict(features.transform([rows[i] for i in test_idx]))
        scores.append(float((predicted == labels[test_idx]).mean()))
    return float(np.mean(scores))


def _export(features: _Features, classifier: LogisticRegression) -> LinearPolicyModel:
    """The fitted transform and classifier as a plain-data model, versioned by a digest of its content."""
    weights = classifier.coef_[0]
    vocabulary = features.vectoriser.vocabulary_
    idf = features.vectoriser.idf_
    n_terms = len(vocabulary)
    model = LinearPolicyModel(
        version="",
        terms={term: (float(idf[i]), float(weights[i])) for term, i in sorted(vocabulary.items())},
        dense_names=list(DENSE_NAMES),
        dense_mean=[float(x) for x in features.scaler.mean_],
        dense_scale=[float(x) for x in features.scaler.scale_],
        dense_weights=[float(x) for x in weights[n_terms:]],
        intercept=float(classifier.intercept_[0]),
    )
    digest = hashlib.sha256(model.model_dump_json().encode("utf-8")).hexdigest()
    return model.model_copy(update={"version": f"trained-{digest[:10]}"})


def fit(rows: list[LabelRow], seed: int) -> Fit:
    """Choose C by cross-validation, fit on all `rows`, and export the model."""
    scores = {str(c): cv_accuracy(rows, c, seed) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (scores[str(c)], -c))
    features = _Features()
    matrix = features.fit_transform(rows)
    classifier = _classifier(best).fit(matrix, _targets(rows))
    train_accuracy = float((classifier.predict(matrix) == _targets(rows)).mean())
    model = _export(features, classifier)
    return Fit(model=model, c=best, cv_accuracy=scores, train_accuracy=train_accuracy,
               export_error=_export_error(model, classifier.predict_proba(matrix)[:, 1], rows))


def _export_error(model: LinearPolicyModel, expected: np.ndarray, rows: list[LabelRow]) -> float:
    """Largest difference between the exported model's scores and scikit-learn's on the training rows."""
    return float(max(abs(model.score(r.as_input()) - p) for r, p in zip(rows, expected)))
