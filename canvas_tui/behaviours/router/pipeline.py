"""The router, declared (edit|comment|chat|new_document with a document open).

`canvas-tui predict router` reads {"id", "prompt", "document"} lines and writes {"id", "label", "score"},
score being the confidence of the label. A line whose document is null (none open) falls back to the trigger
(inline -> chat, canvas -> new_document); a line with no `document` key is malformed. Training and eval run the trigger's shared workflow; like the trigger,
the router is a cascade: its fast model, and in its uncertain band a fine-tuned MiniLM reading the message and
the open document.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from canvas_tui.behaviours.router.checks import CROSS_CHECKS, explicit_route_check
from canvas_tui.behaviours.trigger.checks import every_fifth
from canvas_tui.behaviours.trigger.implementations import CascadeTrigger, TrainedTrigger, as_route
from canvas_tui.behaviours.trigger.model import ROUTER, TrainedModel
from canvas_tui.behaviours.trigger.pipeline import train_in_step
from canvas_tui.behaviours.trigger.workflow import IMPLEMENTATIONS, evaluate_task
from canvas_tui.pipeline.contract import Behaviour, LabelFile, RequestText


class RouterInput(BaseModel):
    """One line of `predict router` input; extra keys are ignored. `document` is required (a follow-up is routed
    against the document open beside it; an empty one is a document too): null says no document is open, and then
    the trigger decides."""

    model_config = ConfigDict(extra="ignore")

    id: str | int
    prompt: RequestText
    document: str | None


class RouterOutput(BaseModel):
    """One line of `predict router` output: the route and its confidence."""

    id: str | int
    label: str
    score: float


def load(folder: Path) -> CascadeTrigger:
    """The router (the cascade: fast model, then the slow path in its uncertain band) from its data folder: the one
    place its artifacts are read (the trigger, for lines with no document, is loaded from its own folder when first
    needed). Without the slow path it is the fast model alone, and its `note` says so."""
    return CascadeTrigger(router=TrainedModel.load(ROUTER, folder), folders={"router": folder})


def predict(router: TrainedTrigger, items: list[RouterInput]) -> list[RouterOutput]:
    """Route each prompt given its open document (or none)."""
    decisions = router.decide_many([item.prompt for item in items], [item.document for item in items])
    routed = [as_route(d) for d in decisions]
    return [RouterOutput(id=item.id, label=d.label, score=round(d.confidence, 4)) for item, d in zip(items, routed)]


BEHAVIOUR = Behaviour(
    name="router",
    summary="router (edit / comment / chat / new document)",
    folder="router",
    input_model=RouterInput,
    output_model=RouterOutput,
    load=load,
    predict=predict,
    label_files=[
        LabelFile(pattern="labels.csv", split="train+held-out"),
        LabelFile(pattern="real_test.csv", split="eval"),
    ],
    implementations=IMPLEMENTATIONS["router"],
    default="cascade",
    train=partial(train_in_step, ROUTER),
    evaluate=partial(evaluate_task, ROUTER),
    checks={"explicit_route": explicit_route_check},
    splits={"every_fifth": every_fifth},
    cross_checks=CROSS_CHECKS,
    method="the trigger's recipe, reading the open document too (its opening words; shared words and names, code, "
    "points); in its uncertain band a LoRA-fine-tuned MiniLM reads the request and the document's head and tail",
    headline={
        "real-traffic test accuracy": "splits.real_test.cascade.accuracy",
        "held-out accuracy": "cascade.accuracy",
        "hand-written": "splits.held_out_hand_written.cascade.accuracy",
        "real": "splits.held_out_real_traffic.cascade.accuracy",
    },
    baseline={
        "fast model alone, real-traffic test": "splits.real_test.trained.accuracy",
        "fast model alone, held-out": "trained.accuracy",
        "keywords, real-traffic test": "splits.real_test.keyword.accuracy",
        "held-out": "keyword.accuracy",
    },
)
