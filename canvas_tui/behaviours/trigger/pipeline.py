"""The trigger, declared (canvas|inline with no document open).

`canvas-tui predict trigger` reads {"id", "prompt"} lines and writes {"id", "label", "score"},
score being the probability of `canvas`; `train` and `eval` run the shared trigger/router workflow.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from canvas_tui.behaviours.trigger.checks import every_fifth, explicit_trigger_check
from canvas_tui.behaviours.trigger.implementations import CascadeTrigger, TrainedTrigger, canvas_score
from canvas_tui.behaviours.trigger.model import TRIGGER, Task, TrainedModel
from canvas_tui.behaviours.trigger.workflow import IMPLEMENTATIONS, datasets, evaluate_task, train_task
from canvas_tui.pipeline.contract import Behaviour, LabelFile, RequestText
from canvas_tui.pipeline.contracts import TrainRequest, TrainResult


class TriggerInput(BaseModel):
    """One line of `predict trigger` input; extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int
    prompt: RequestText


class TriggerOutput(BaseModel):
    """One line of `predict trigger` output: the label and P(canvas)."""

    id: str | int
    label: str
    score: float


def load(folder: Path) -> CascadeTrigger:
    """The trained trigger (the cascade: fast model, then the slow path in its uncertain band) from its data folder:
    the one place its artifacts are read."""
    return CascadeTrigger(trigger=TrainedModel.load(TRIGGER, folder), folders={"trigger": folder})


def predict(trigger: TrainedTrigger, items: list[TriggerInput]) -> list[TriggerOutput]:
    """Label each prompt canvas|inline (explicit requests first)."""
    decisions = trigger.decide_many([item.prompt for item in items], [None] * len(items))
    return [
        TriggerOutput(id=item.id, label=d.label, score=round(canvas_score(d), 4)) for item, d in zip(items, decisions)
    ]


def train_in_step(task: Task, request: TrainRequest) -> TrainResult:
    """Train the task's fast model, then keep its slow path in step with it (band, blend and cut re-chosen)."""
    from canvas_tui.behaviours.trigger.slow_training import rechosen_line  # scikit-learn: training only

    result = train_task(task, request)
    rows, _, _ = datasets(task)
    request.step("re-choosing the slow path's band on the validation slice")
    return result.model_copy(update={"text": result.text + rechosen_line(task, rows, task.folder)})


BEHAVIOUR = Behaviour(
    name="trigger",
    summary="trigger (canvas vs inline)",
    folder="trigger",
    input_model=TriggerInput,
    output_model=TriggerOutput,
    load=load,
    predict=predict,
    label_files=[
        LabelFile(pattern="labels.csv", split="train+held-out"),
        LabelFile(pattern="blind_labels*.csv", split="eval"),
        LabelFile(pattern="real_test.csv", split="eval"),
    ],
    implementations=IMPLEMENTATIONS["trigger"],
    default="cascade",
    train=partial(train_in_step, TRIGGER),
    evaluate=partial(evaluate_task, TRIGGER),
    checks={"explicit_trigger": explicit_trigger_check},
    splits={"every_fifth": every_fifth},
    method="explicit rules, then TF-IDF over the request (pasted material apart) + hand and message features, "
    "logistic regression, cut-off tuned on real rows; in its uncertain band a LoRA-fine-tuned MiniLM decides",
    headline={
        "real-traffic test accuracy": "splits.real_test.cascade.accuracy",
        "canvas recall": "splits.real_test.cascade.canvas_recall",
        "held-out accuracy": "cascade.accuracy",
        "blind set 1": "splits.blind_labels.cascade.accuracy",
        "blind set 2": "splits.blind_labels_2.cascade.accuracy",
    },
    baseline={
        "fast model alone, real-traffic test": "splits.real_test.trained.accuracy",
        "fast model alone, held-out": "trained.accuracy",
        "keyword rules, real-traffic test": "splits.real_test.keyword.accuracy",
        "held-out": "keyword.accuracy",
    },
)
