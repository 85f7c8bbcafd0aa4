"""Pipeline entry points of the trigger (canvas|inline with no document open).

`canvas-tui predict trigger` reads {"id", "prompt"} lines and writes {"id", "label", "score"},
score being the probability of `canvas`; `train` and `eval` run the shared workflow.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from canvas_tui.behaviours.trigger.implementations import TrainedTrigger, canvas_score
from canvas_tui.behaviours.trigger.model import TRIGGER
from canvas_tui.behaviours.trigger.workflow import evaluate_task, train_task
from canvas_tui.pipeline.batch import BatchPredictor
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult


class TriggerInput(BaseModel):
    """One line of `predict trigger` input; extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int
    prompt: str


@cache
def _loaded(folder: Path) -> TrainedTrigger:
    """One loaded trigger per data folder (the folder can be redirected, e.g. in tests)."""
    return TrainedTrigger()


def predict_many(items: list[TriggerInput]) -> list[dict[str, Any]]:
    """Label each prompt canvas|inline with the trained trigger (explicit requests first)."""
    decisions = _loaded(TRIGGER.folder).decide_many([item.prompt for item in items], [None] * len(items))
    return [{"id": item.id, "label": d.label, "score": round(canvas_score(d), 4)} for item, d in zip(items, decisions)]


PREDICTOR = BatchPredictor(input_model=TriggerInput, predict_many=predict_many)


def train(request: TrainRequest) -> TrainResult:
    """Train the trigger model from labels.csv (train split) and usable synthetic rows."""
    return train_task(TRIGGER, request)


def evaluate(request: EvalRequest) -> EvalResult:
    """Compare the trigger implementations on the held-out split of labels.csv."""
    return evaluate_task(TRIGGER, request)
