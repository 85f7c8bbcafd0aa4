"""Fit the trained policy with the shared linear trainer and export it as a linear artifact.

TF-IDF (sublinear, L2) over the request's unigrams and bigrams, plus standardised dense features
(unit kind, target length, cue counts...), into an L2-regularised logistic regression (`linear.SPEC`).
The regularisation strength is chosen by stratified cross-validation on the training rows only.
"""

from __future__ import annotations

import hashlib

import numpy as np
from pydantic import BaseModel
from sklearn.model_selection import StratifiedKFold, cross_val_score
from threadpoolctl import threadpool_limits

from canvas_tui.behaviours.policy.data import LabelRow, rows_digest
from canvas_tui.behaviours.policy.linear import FEATURES, LinearPolicyModel
from canvas_tui.learn.artifact import Training
from canvas_tui.learn.spec import LinearSpec, TextSpec
from canvas_tui.learn.trainer import build_pipeline, export
from canvas_tui.learn.trainer import fit as fit_linear

SPEC = LinearSpec(
    text=(TextSpec("request", view="request", ngram_range=(1, 2), token_pattern=r"(?u)\w+"),),
    classifier={"solver": "liblinear", "max_iter": 1000},
)
"""TF-IDF (sublinear, L2) over the request's unigrams and bigrams, standardised dense features, an L2-regularised
logistic regression (its C chosen by cross-validation at training time)."""

C_GRID = (1.0, 3.0, 10.0, 30.0)
FOLDS = 5


class Fit(BaseModel, arbitrary_types_allowed=True):
    """A fitted model with its training-time figures."""

    model: LinearPolicyModel
    c: float
    cv_accuracy: dict[str, float]
    train_accuracy: float
    export_error: float


def cv_accuracy(rows: list[LabelRow], c: float, seed: int) -> float:
    """Mean accuracy over stratified folds of `rows`, re-fitting the features inside every fold."""
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
    with threadpool_limits(1):
        scores = cross_val_score(
            build_pipeline(SPEC, FEATURES, C=c),
            [r.as_input() for r in rows],
            [r.label for r in rows],
            cv=folds,
            scoring="accuracy",
        )
    return float(np.mean(scores))


def fit(rows: list[LabelRow], seed: int) -> Fit:
    """Choose C by cross-validation, fit on all `rows`, and export the model (versioned by a digest of its weights)."""
    scores = {str(c): cv_accuracy(rows, c, seed) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (scores[str(c)], -c))
    items, labels = [r.as_input() for r in rows], [r.label for r in rows]
    pipeline = fit_linear(SPEC, FEATURES, items, labels, C=best)
    training = Training(
        data_hash=rows_digest(rows), seed=seed, rows=len(rows), details={"C": best, "cv_accuracy": scores}
    )
    artifact = export(pipeline, FEATURES, "policy", training, threshold=0.5)
    weights = artifact.model_dump_json(include={"intercepts", "text", "dense"})
    artifact.version = f"trained-{hashlib.sha256(weights.encode('utf-8')).hexdigest()[:10]}"
    model = LinearPolicyModel(artifact)
    train_accuracy = float((pipeline.predict(items) == np.array(labels)).mean())
    expected = pipeline.predict_proba(items)[:, list(pipeline.classes_).index("targeted")]
    export_error = float(max(abs(model.score(item) - p) for item, p in zip(items, expected)))
    return Fit(model=model, c=best, cv_accuracy=scores, train_accuracy=train_accuracy, export_error=export_error)
