"""Fitting the span scorer on the training documents, choosing C and the threshold by placement F1
on out-of-fold predictions (folds by document, so a document is never scored by a model that saw it).

Rows name their document; `texts` gives the text of documents found elsewhere than the labelled
documents folder (a teacher row's document is wherever its synth run read it)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import GroupKFold

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.comment.candidates import is_program
from canvas_tui.behaviours.comment.features import Analysed, analyse
from canvas_tui.behaviours.comment.labels import LabelRow, cases, document
from canvas_tui.behaviours.comment.metrics import Placement, hits
from canvas_tui.behaviours.comment.model import FEATURES, ScorerModel
from canvas_tui.behaviours.comment.placement import place
from canvas_tui.behaviours.comment.requests import allowed_categories
from canvas_tui.behaviours.comment.rules import RuledModel
from canvas_tui.learn.artifact import Training
from canvas_tui.learn.spec import LinearSpec
from canvas_tui.learn.trainer import fit_one_vs_rest

SPEC = LinearSpec(classifier={"max_iter": 2000})
"""Standardised features into one lbfgs logistic regression per category (C chosen by cross-validation)."""

C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLD_GRID = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6)
LIMIT = 5


@dataclass
class Fitted:
    """The fitted model and the cross-validated figures that chose it."""

    model: ScorerModel
    cv_f1: dict[str, float]


def unit_categories(unit: Analysed, gold: list[LabelRow]) -> set[str]:
    """The gold categories of a unit (empty when no gold span of its document is placed on it)."""
    span = Span(start=unit.candidate.start, end=unit.candidate.end)
    return {row.category for row in gold if hits(span, Span(start=row.start, end=row.end))}


def text_of(doc: str, texts: Mapping[str, str]) -> str:
    """The text of document `doc`: from `texts` when given there, else the labelled documents folder."""
    return texts[doc] if doc in texts else document(doc)


def dataset(rows: list[LabelRow], texts: Mapping[str, str]) -> tuple[np.ndarray, list[set[str]], list[str]]:
    """Feature matrix, unit category sets and document names of every candidate unit of the rows' documents."""
    x, y, groups = [], [], []
    for doc in dict.fromkeys(row.doc for row in rows):
        gold = [row for row in rows if row.doc == doc]
        for unit in analyse(text_of(doc, texts)):
            x.append(unit.vector)
            y.append(unit_categories(unit, gold))
            groups.append(doc)
    return np.asarray(x, dtype=float), y, groups


def _fit(x: np.ndarray, y: list[set[str]], c: float, seed: int) -> ScorerModel:
    """One logistic model per category seen at least twice in `y`, on standardised features."""
    artifact = fit_one_vs_rest(
        SPEC,
        FEATURES,
        [tuple(row) for row in x],
        y,
        "comment",
        Training(seed=seed, rows=len(y)),
        C=c,
        random_state=seed,
    )
    return ScorerModel(artifact)


def placement_f1(
    model: ScorerModel, rows: list[LabelRow], threshold: float, texts: Mapping[str, str] | None = None
) -> float:
    """Placement F1 of the scorer (with the rules for their categories, as used) with `threshold` on the cases of `rows`."""
    totals = Placement()
    for case in cases(rows):
        text = text_of(case.doc, texts or {})
        units = analyse(text)
        allowed = allowed_categories(case.request, program=is_program(text))
        chosen = place(units, RuledModel(model).probabilities([u.vector for u in units]), allowed, LIMIT, threshold)
        spans = [Span(start=p.unit.candidate.start, end=p.unit.candidate.end) for p in chosen]
        totals.add(len(spans), spans, [Span(start=g.start, end=g.end) for g in case.gold], LIMIT)
    return totals.figures()["f1"]


def _cross_validated(
    rows: list[LabelRow],
    texts: Mapping[str, str],
    x: np.ndarray,
    y: list[set[str]],
    groups: list[str],
    c: float,
    seed: int,
) -> dict[float, float]:
    """Mean out-of-fold placement F1 per threshold."""
    scores: dict[float, list[float]] = {t: [] for t in THRESHOLD_GRID}
    for train_index, test_index in GroupKFold(n_splits=4).split(x, groups=groups):
        model = _fit(x[train_index], [y[i] for i in train_index], c, seed)
        held = {groups[i] for i in test_index}
        for threshold in THRESHOLD_GRID:
            scores[threshold].append(placement_f1(model, [r for r in rows if r.doc in held], threshold, texts))
    return {t: float(np.mean(v)) for t, v in scores.items()}


def fit(rows: list[LabelRow], seed: int = 0, texts: Mapping[str, str] | None = None) -> Fitted:
    """Choose C and the threshold by cross-validated placement F1, then fit on all training rows
    (`texts`: the documents not in the labelled documents folder, by name)."""
    texts = texts or {}
    x, y, groups = dataset(rows, texts)
    cv = {(c, t): f1 for c in C_GRID for t, f1 in _cross_validated(rows, texts, x, y, groups, c, seed).items()}
    best_c, best_t = max(cv, key=cv.get)
    artifact = _fit(x, y, best_c, seed).artifact
    weights = [artifact.dense.weights, artifact.intercepts, best_t] if artifact.dense else [best_t]
    digest = hashlib.sha256(json.dumps(weights).encode()).hexdigest()[:10]
    cv_f1 = {f"C={c} t={t}": round(f1, 3) for (c, t), f1 in cv.items()}
    artifact.threshold, artifact.version = best_t, f"scorer-{digest}"
    artifact.training.details = {"C": best_c, "cv_f1": cv_f1}
    return Fitted(model=ScorerModel(artifact), cv_f1=cv_f1)
