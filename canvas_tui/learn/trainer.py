"""The one trainer of linear text classifiers: a scikit-learn pipeline built from a spec, exported as JSON.

A behaviour describes its model with a `LinearSpec` (TF-IDF blocks over its named views, whether its dense
features are standardised, the logistic regression's settings) and passes its `Features`; `build_pipeline`
gives the untrained scikit-learn pipeline (for cross-validation), `fit` trains it, `export` writes the fitted
pipeline as a `LinearArtifact`. `fit_one_vs_rest` trains one independent yes/no model per class on shared
features (the comment span scorer: a sentence can deserve comments for several reasons).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from canvas_tui.learn.artifact import DenseBlock, LinearArtifact, TextBlock, Training
from canvas_tui.learn.features import Features
from canvas_tui.learn.spec import LinearSpec


class DenseColumns(BaseEstimator, TransformerMixin):
    """The behaviour's dense features as a matrix (a stateless scikit-learn step): dense for a scaler to read,
    else sparse like the text blocks (the exact matrix the trigger and router were first trained on)."""

    def __init__(self, function=None, sparse_output: bool = False) -> None:
        self.function = function
        self.sparse_output = sparse_output

    def fit(self, items, labels=None) -> DenseColumns:
        """Stateless: nothing to learn."""
        return self

    def transform(self, items) -> np.ndarray | sparse.csr_matrix:
        """One row of features per input."""
        rows = np.asarray([self.function(item) for item in items], dtype=np.float64)
        return sparse.csr_matrix(rows) if self.sparse_output else rows


def build_pipeline(spec: LinearSpec, features: Features, **classifier: Any) -> Pipeline:
    """The untrained pipeline: the union of TF-IDF blocks and dense features -> logistic regression.

    `classifier` overrides the spec's classifier settings (a cross-validated C, a seed)."""
    blocks: list[tuple[str, Any]] = [
        (
            text.name,
            TfidfVectorizer(
                preprocessor=features.views[text.view] if text.view else None,
                analyzer=text.analyzer,
                ngram_range=text.ngram_range,
                token_pattern=text.token_pattern,
                min_df=text.min_df,
                sublinear_tf=text.sublinear_tf,
            ),
        )
        for text in spec.text
    ]
    if features.dense is not None:
        blocks.append(
            (
                "dense",
                Pipeline([("columns", DenseColumns(features.dense)), ("scale", StandardScaler())])
                if spec.standardise
                else DenseColumns(features.dense, sparse_output=True),
            )
        )
    return Pipeline(
        [("features", FeatureUnion(blocks)), ("classifier", LogisticRegression(**(spec.classifier | classifier)))]
    )


def fit(
    spec: LinearSpec,
    features: Features,
    items: Sequence[Any],
    labels: Sequence[str],
    weights: Sequence[float] | None = None,
    **classifier: Any,
) -> Pipeline:
    """Train the spec's pipeline (each row counting `weights[i]` times when given). One BLAS thread: on a shared,
    busy machine a pool makes small fits far slower."""
    with threadpool_limits(1):
        return build_pipeline(spec, features, **classifier).fit(list(items), list(labels), **weighting(weights))


def weighting(weights: Sequence[float] | None) -> dict[str, Any]:
    """The fit parameters that give each row its weight (none: every row counts once)."""
    return {} if weights is None else {"classifier__sample_weight": np.asarray(weights, dtype=float)}


def export(
    pipeline: Pipeline,
    features: Features,
    task: str,
    training: Training,
    threshold: float | None = None,
    version: str = "",
) -> LinearArtifact:
    """The fitted pipeline (`build_pipeline`'s shape: a union of blocks, then the classifier) as an artifact."""
    return _export(
        pipeline.named_steps["features"],
        pipeline.named_steps["classifier"],
        features,
        task,
        training,
        threshold,
        version,
    )


def _export(
    union: FeatureUnion,
    classifier: Any,
    features: Features,
    task: str,
    training: Training,
    threshold: float | None = None,
    version: str = "",
    link: str | None = None,
) -> LinearArtifact:
    """The artifact of a fitted union and a classifier with one coefficient row per output."""
    coef, offset = classifier.coef_, 0
    text, dense = [], None
    for name, step in union.transformer_list:
        if isinstance(step, TfidfVectorizer):
            text.append(_text_block(name, step, features, coef[:, offset:]))
            offset += len(step.vocabulary_)
        else:
            dense = _dense_block(step, features, coef[:, offset : offset + len(features.dense_names)])
            offset += len(features.dense_names)
    if offset != coef.shape[1]:
        raise ValueError(f"{task}: the blocks account for {offset} of {coef.shape[1]} coefficients")
    link = link or ("sigmoid" if coef.shape[0] == 1 else "softmax")
    return LinearArtifact(
        task=task,
        version=version,
        classes=[str(c) for c in classifier.classes_],
        link=link,
        intercepts=classifier.intercept_.tolist(),
        text=text,
        dense=dense,
        threshold=threshold,
        training=training.model_copy(update={"sklearn": sklearn.__version__}),
    )


def _text_block(name: str, vectorizer: TfidfVectorizer, features: Features, coef: np.ndarray) -> TextBlock:
    """A fitted vectorizer's settings, terms, IDF and coefficient columns (its columns start `coef`)."""
    params = vectorizer.get_params()
    if params["analyzer"] not in ("word", "char_wb") or params["strip_accents"] or params["stop_words"]:
        raise ValueError(f"text block {name!r}: only the word and char_wb analyzers, without accents or stop words")
    if params["norm"] not in ("l2", None) or not params["use_idf"] or params["binary"]:
        raise ValueError(f"text block {name!r}: only l2 or no norm, IDF weighting and counted terms are supported")
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return TextBlock(
        name=name,
        view=features.view_name(params["preprocessor"]),
        analyzer=params["analyzer"],
        lowercase=params["lowercase"],
        token_pattern=params["token_pattern"],
        ngram_range=params["ngram_range"],
        sublinear_tf=params["sublinear_tf"],
        norm=params["norm"],
        terms=terms,
        idf=_significant(vectorizer.idf_),
        coef=[_significant(row) for row in coef[:, : len(terms)]],
    )


SIGNIFICANT_DIGITS = 7
"""Digits kept of each IDF and coefficient: the scores move by about 1e-7, the artifact shrinks by a third."""


def _significant(values: np.ndarray) -> list[float]:
    return [float(f"{value:.{SIGNIFICANT_DIGITS}g}") for value in values]


def _dense_block(step: Any, features: Features, weights: np.ndarray) -> DenseBlock:
    """The dense step's standardisation (none: mean 0, scale 1) and its weight columns."""
    width = len(features.dense_names)
    scaler = step.named_steps.get("scale") if isinstance(step, Pipeline) else None
    mean = scaler.mean_.tolist() if scaler is not None else [0.0] * width
    scale = scaler.scale_.tolist() if scaler is not None else [1.0] * width
    return DenseBlock(names=list(features.dense_names), mean=mean, scale=scale, weights=weights.tolist())


def fit_one_vs_rest(
    spec: LinearSpec,
    features: Features,
    items: Sequence[Any],
    label_sets: Sequence[set[str]],
    task: str,
    training: Training,
    min_count: int = 2,
    **classifier: Any,
) -> LinearArtifact:
    """One logistic model per class seen in at least `min_count` label sets, on features fitted once on all items."""
    union = build_pipeline(spec, features).named_steps["features"]
    with threadpool_limits(1):
        matrix = union.fit_transform(list(items))
        classes = sorted(c for c in set().union(*label_sets) if sum(c in labels for labels in label_sets) >= min_count)
        if not classes:
            raise ValueError(f"{task}: no class is seen in {min_count} or more rows; nothing to learn")
        models = [
            LogisticRegression(**(spec.classifier | classifier)).fit(matrix, [c in s for s in label_sets])
            for c in classes
        ]
    return _export(union, _Stacked(classes, models), features, task, training, link="ovr_sigmoid")


class _Stacked:
    """Per-class binary models seen as one classifier with one coefficient row per class (for `export`)."""

    def __init__(self, classes: list[str], models: list[LogisticRegression]) -> None:
        self.classes_ = np.asarray(classes)
        self.coef_ = np.vstack([m.coef_[0] for m in models])
        self.intercept_ = np.asarray([m.intercept_[0] for m in models])
