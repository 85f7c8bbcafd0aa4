"""The trained target: TF-IDF word and character n-grams plus hand features, and a linear model.

One recipe serves the trigger (canvas|inline) and the router (edit|comment|chat|new_document).
Training is deterministic (fixed split, lbfgs from a fixed start) and takes seconds; the
artifact is a compressed joblib file beside a JSON metadata file (data hash, figures).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
from pydantic import BaseModel
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from threadpoolctl import threadpool_limits

from canvas_tui.behaviours.trigger.compiled import CompiledModel
from canvas_tui.behaviours.trigger.features import HandFeatures, object_view, request_view
from canvas_tui.paths import behaviour_dir


@dataclass(frozen=True)
class Task:
    """What differs between the trigger and the router: data folder, classes, eval-only files, artifact name.

    The artifact paths are decided here and nowhere else."""

    name: str
    classes: tuple[str, ...]
    positive: str | None = None
    eval_files: tuple[str, ...] = ("real_test.csv",)
    """Files beside labels.csv that are eval splits only (blind sets, the real-traffic test split): never trained on."""
    labels_file: str = "labels.csv"

    @property
    def folder(self) -> Path:
        """The task's data folder, behaviours/<name>/ (resolved at call time: it can be redirected)."""
        return behaviour_dir(self.name)

    @property
    def artifact(self) -> Path:
        """The trained model file."""
        return self.folder / f"{self.name}_model.joblib"

    @property
    def metadata_path(self) -> Path:
        """The metadata beside the model."""
        return self.folder / f"{self.name}_model.json"


TRIGGER = Task("trigger", ("canvas", "inline"), positive="canvas", eval_files=("blind_*.csv", "real_test.csv"))
ROUTER = Task("router", ("edit", "comment", "chat", "new_document"))


class ModelMetadata(BaseModel):
    """What a trained artifact was trained on and how it scored at training time."""

    task: str
    version: str
    data_hash: str
    seed: int
    train_rows: int
    test_rows: int
    label_counts: dict[str, int]
    figures: dict[str, float]
    sklearn: str
    threshold: float = 0.5


def build_pipeline(seed: int, kind: str = "trigger") -> Pipeline:
    """The untrained pipeline of `kind`: word + char n-grams + hand features -> logistic regression.

    The trigger also reads the n-grams of the asked-for object ("a product description").
    """
    blocks = [
        ("words", TfidfVectorizer(preprocessor=request_view, ngram_range=(1, 2), sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b")),
        ("chars", TfidfVectorizer(preprocessor=request_view, analyzer="char_wb", ngram_range=(2, 5),
                                  sublinear_tf=True, min_df=2)),
    ]
    if kind == "trigger":
        blocks.append(("object", TfidfVectorizer(preprocessor=object_view, ngram_range=(1, 2), sublinear_tf=True,
                                                 token_pattern=r"(?u)\b[\w-]+\b")))
    features = FeatureUnion([*blocks, ("hand", HandFeatures(kind=kind, weight=1.0))])
    classifier = LogisticRegression(C=3.0, class_weight="balanced", solver="lbfgs", max_iter=5000,
                                    random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


def fit(task: Task, texts: list[str], labels: list[str], seed: int) -> Pipeline:
    """Train the task's pipeline on texts and labels.

    One BLAS thread: on a shared, busy machine a thread pool makes this small fit 50 times slower.
    """
    with threadpool_limits(1):
        return build_pipeline(seed, task.name).fit(texts, labels)


def save(task: Task, pipeline: Pipeline, metadata: ModelMetadata, folder: Path | None = None) -> Path:
    """Write the artifact and its metadata; returns the artifact path."""
    artifact = (folder or task.folder) / task.artifact.name
    artifact.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, artifact, compress=3)
    artifact.with_suffix(".json").write_text(metadata.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return artifact


def tune_threshold(task: Task, texts: list[str], labels: list[str], seed: int, min_recall: float = 0.75,
                   focus: list[bool] | None = None) -> float:
    """The P(positive) cut that maximises cross-validated accuracy while keeping the positive recall >= min_recall.

    Out-of-fold probabilities over 5 stratified folds, judged on the `focus` rows when given (the labelled real
    traffic: the cut must suit what people really type, not the hand-written prompts); among equally accurate
    cuts the one nearest 0.5 wins, so the threshold moves only when the folds ask for it.
    """
    with threadpool_limits(1):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        column = sorted(set(labels)).index(task.positive)
        scores = cross_val_predict(build_pipeline(seed, task.name), texts, labels, cv=folds,
                                   method="predict_proba")[:, column]
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


class TrainedModel:
    """A loaded artifact: class probabilities for a batch of prompts."""

    def __init__(self, pipeline: Pipeline, metadata: ModelMetadata) -> None:
        self.pipeline = pipeline
        self.metadata = metadata
        self.compiled = CompiledModel(pipeline)

    @classmethod
    def load(cls, task: Task, folder: Path | None = None) -> "TrainedModel":
        """Load the task's artifact from `folder` (default: its data folder); raises FileNotFoundError with a hint
        when it was never trained."""
        artifact = (folder or task.folder) / task.artifact.name
        if not artifact.exists():
            raise FileNotFoundError(f"no trained {task.name} model at {artifact}; run `canvas-tui train {task.name}`")
        metadata_path = artifact.with_name(task.metadata_path.name)
        metadata = ModelMetadata.model_validate(json.loads(metadata_path.read_text(encoding="utf-8")))
        return cls(joblib.load(artifact), metadata)

    def probabilities(self, texts: list[str]) -> list[dict[str, float]]:
        """One {label: probability} per text (the compiled scorer: same figures, far less overhead)."""
        return [self.compiled.probabilities(text) for text in texts]
