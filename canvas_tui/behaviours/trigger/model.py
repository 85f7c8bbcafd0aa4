"""The trained target: TF-IDF word and character n-grams plus hand features, and a linear model.

One recipe serves the trigger (canvas|inline) and the router (edit|comment|chat|new_document), trained by the
shared linear trainer (`canvas_tui.learn`). Training is deterministic (fixed split, lbfgs from a fixed start)
and takes seconds; the artifact is one JSON file (`<task>_model.json`: weights plus training metadata) read by
the shared numpy scorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from canvas_tui.behaviours.trigger.features import (
    HAND_NAMES,
    ROUTE_NAMES,
    document_opening,
    hand_features,
    object_view,
    request_view,
    route_features,
)
from canvas_tui.learn.artifact import LinearArtifact, read_artifact
from canvas_tui.learn.features import Features
from canvas_tui.learn.scorer import LinearScorer
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
        """The trained model file (weights and training metadata)."""
        return self.folder / f"{self.name}_model.json"


TRIGGER = Task("trigger", ("canvas", "inline"), positive="canvas", eval_files=("blind_*.csv", "real_test.csv"))
ROUTER = Task("router", ("edit", "comment", "chat", "new_document"))
TASKS = {task.name: task for task in (TRIGGER, ROUTER)}
"""The two tasks by name ("trigger", "router")."""

VIEWS = {"request": request_view, "object": object_view, "opening": document_opening}
FEATURES = {
    "trigger": Features(views=VIEWS, dense_names=HAND_NAMES, dense=hand_features),
    "router": Features(views=VIEWS, dense_names=ROUTE_NAMES, dense=route_features),
}
"""What each task's model reads: the request, the asked-for object and (router) the open document's opening, and
its hand features."""


class TrainedModel(LinearScorer):
    """A loaded artifact: class probabilities for a batch of model inputs (`probabilities`), its version and the
    tuned P(positive) cut (`threshold`; 0.5 for the router, which takes the likeliest route)."""

    def __init__(self, artifact: LinearArtifact) -> None:
        super().__init__(artifact, FEATURES[artifact.task])

    @classmethod
    def load(cls, task: Task, folder: Path | None = None) -> TrainedModel:
        """Load the task's artifact from `folder` (default: its data folder); raises FileNotFoundError with a hint
        when it was never trained."""
        try:
            return cls(read_artifact((folder or task.folder) / task.artifact.name))
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"{exc}; run `canvas-tui train {task.name}`") from exc
