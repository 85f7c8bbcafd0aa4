"""How the trigger and router models are trained: their specs for the shared linear trainer, and the
trigger's threshold tuned on out-of-fold probabilities (the steps behind `canvas-tui train trigger|router`
live in `workflow.py`)."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from canvas_tui.behaviours.trigger.model import FEATURES, Task
from canvas_tui.learn.spec import LinearSpec, TextSpec
from canvas_tui.learn.trainer import build_pipeline, weighting

_WORDS = TextSpec("words", view="request", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", min_df=2)
_CHARS = TextSpec("chars", view="request", analyzer="char_wb", ngram_range=(2, 5), min_df=2)
_OPENING = TextSpec("opening", view="opening", ngram_range=(1, 2), min_df=2)
_OBJECT = TextSpec("object", view="object", ngram_range=(1, 2), token_pattern=r"(?u)\b[\w-]+\b", min_df=2)
_CLASSIFIER = {"C": 3.0, "class_weight": "balanced", "solver": "lbfgs", "max_iter": 5000}
SPECS = {
    "trigger": LinearSpec(text=(_WORDS, _CHARS, _OBJECT), standardise=False, classifier=_CLASSIFIER),
    "router": LinearSpec(text=(_WORDS, _CHARS, _OPENING), standardise=False, classifier=_CLASSIFIER),
}
"""word + char n-grams of the request (the trigger also reads the asked-for object: "a product description"),
each seen in at least two rows, the unscaled hand features, a balanced logistic regression."""

HAND_WRITTEN_WEIGHT = 3.0
"""How many real rows a hand-written row counts for. Real messages outnumber the hand-written families six to
one; at equal weight the families the spec names (and the blind sets test) lost 3 points of accuracy."""


def row_weights(origins: list[str]) -> list[float]:
    """Each training row's weight, by where it came from (labelled real traffic counts once)."""
    return [1.0 if origin == "real-traffic" else HAND_WRITTEN_WEIGHT for origin in origins]


def task_pipeline(task: Task, seed: int) -> Pipeline:
    """The task's untrained scikit-learn pipeline (for fitting and cross-validation)."""
    return build_pipeline(SPECS[task.name], FEATURES[task.name], random_state=seed)


def out_of_fold(
    task: Task, texts: list[str], labels: list[str], seed: int, weights: list[float] | None = None
) -> np.ndarray:
    """(rows, classes in sorted order) probabilities, each row's from a model fitted without it (5 stratified
    folds): what the model would say of a row it has never seen."""
    with threadpool_limits(1):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        return cross_val_predict(
            task_pipeline(task, seed), texts, labels, cv=folds, method="predict_proba", params=weighting(weights)
        )


def tune_threshold(
    task: Task,
    texts: list[str],
    labels: list[str],
    seed: int,
    min_recall: float = 0.80,
    focus: list[bool] | None = None,
    weights: list[float] | None = None,
) -> float:
    """The P(positive) cut that maximises cross-validated accuracy while keeping the positive recall >= min_recall.

    Out-of-fold probabilities over 5 stratified folds, judged on the `focus` rows when given (the labelled real
    traffic: the cut must suit what people really type, not the hand-written prompts); among equally accurate
    cuts the one nearest 0.5 wins, so the threshold moves only when the folds ask for it.
    """
    scores = out_of_fold(task, texts, labels, seed, weights)[:, sorted(set(labels)).index(task.positive)]
    judged = np.array(focus) if focus is not None and any(focus) else np.ones(len(labels), dtype=bool)
    gold = (np.array(labels) == task.positive)[judged]
    best = (-1.0, 0.0, 0.5)
    for cut in np.round(np.arange(0.10, 0.91, 0.05), 2):
        predicted = scores[judged] >= cut
        recall = (predicted & gold).sum() / max(gold.sum(), 1)
        candidate = ((predicted == gold).mean(), -abs(cut - 0.5), float(cut))
        if recall >= min_recall and candidate > best:
            best = candidate
    return best[2]
