"""Pipeline entry points of the router (edit|comment|chat|new_document with a document open).

`canvas-tui predict router` reads {"id", "prompt", "document"?} lines and writes
{"id", "label", "score"}, score being the confidence of the label. A line without a document
falls back to the trigger (inline -> chat, canvas -> new_document).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from canvas_tui.behaviours.trigger.implementations import TrainedTrigger, as_route
from canvas_tui.behaviours.trigger.model import ROUTER
from canvas_tui.behaviours.trigger.workflow import evaluate_task, train_task
from canvas_tui.pipeline.batch import BatchPredictor
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult


class RouterInput(BaseModel):
    """One line of `predict router` input; extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int
    prompt: str
    document: str | None = None


@cache
def _loaded(folder: Path) -> TrainedTrigger:
    """One loaded trigger per data folder (the folder can be redirected, e.g. in tests)."""
    return TrainedTrigger()


def predict_many(items: list[RouterInput]) -> list[dict[str, Any]]:
    """Route each prompt given its open document (or none)."""
    decisions = _loaded(ROUTER.folder).decide_many([item.prompt for item in items], [item.document for item in items])
    routed = [as_route(d) for d in decisions]
    return [{"id": item.id, "label": d.label, "score": round(d.confidence, 4)} for item, d in zip(items, routed)]


PREDICTOR = BatchPredictor(input_model=RouterInput, predict_many=predict_many)


def train(request: TrainRequest) -> TrainResult:
    """Train the router model from router_labels.csv (train split) and usable synthetic rows."""
    return train_task(ROUTER, request)


def evaluate(request: EvalRequest) -> EvalResult:
    """Compare the router implementations on the held-out split of router_labels.csv."""
    return evaluate_task(ROUTER, request)
