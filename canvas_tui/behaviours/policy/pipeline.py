"""The policy, declared: `train`, `evaluate`, and `predict` over its loaded scorer.

`train` fits on the training split of labels.csv and writes the artifact and its metadata;
`evaluate` scores the rules and trained implementations on the held-out split, which training
never sees, and writes a markdown report.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sklearn
from pydantic import BaseModel, ValidationError

from canvas_tui.behaviours.policy.data import LabelRow, labels_path, read_rows, rows_digest, split
from canvas_tui.behaviours.policy.decide import decide_with
from canvas_tui.behaviours.policy.features import DENSE_NAMES, PolicyInput
from canvas_tui.behaviours.policy.operation_eval import measure_operations
from canvas_tui.behaviours.policy.operations import operation_for
from canvas_tui.behaviours.policy.report import render
from canvas_tui.behaviours.policy.robustness import Robustness, fillers, measure
from canvas_tui.behaviours.policy.scorers import (
    ARTIFACT_NAME,
    SCORERS,
    Scorer,
    artifact_path,
    metadata_path,
    trained_scorer,
)
from canvas_tui.behaviours.policy.training import fit
from canvas_tui.behaviours.router.checks import CROSS_CHECKS
from canvas_tui.config import load_settings
from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.contract import Behaviour, LabelFile, RequestText
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult
from canvas_tui.pipeline.edit_rows import edit_row_span
from canvas_tui.pipeline.evalkit.hashing import file_digest
from canvas_tui.pipeline.evalkit.reports import write_report
from canvas_tui.pipeline.evalkit.scores import Scored, Scores, score
from canvas_tui.pipeline.evalkit.tables import table

SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7)
LABELS = ("targeted", "rewrite")


def _labels() -> tuple[list[LabelRow], str, list[str]]:
    """All rows, the sha256 of the labels file, and lint errors."""
    path = labels_path()
    rows, lint = read_rows(path)
    return rows, file_digest(path), [finding.message for finding in lint.errors]


def _held_out_accuracy(scorer: Scorer, rows: list[LabelRow]) -> float:
    hits = [decide_with(scorer, r.as_input(), 0.5).label == r.label for r in rows]
    return sum(hits) / len(hits) if hits else 0.0


def _teacher_rows(held_out: list[LabelRow]) -> list[LabelRow]:
    """Accepted teacher rows (synthetic/policy*.jsonl, through the shared pipeline loader), none sharing a held-out key."""
    from canvas_tui.pipeline.dataset import read_teacher_rows

    keys = {row.key() for row in held_out}
    rows = [
        LabelRow.model_validate(row.fields) for row in read_teacher_rows(labels_path().parent / "synthetic", "policy")
    ]
    return [row for row in rows if row.key() not in keys]


def train(request: TrainRequest) -> TrainResult:
    """Fit on the training split, write `model.json` and `model.meta.json`, report the figures."""
    rows, file_hash, errors = _labels()
    if errors and not request.allow_lint_errors:
        raise ValueError(f"labels.csv has {len(errors)} lint errors, first: {errors[0]}")
    train_rows, held_out = split(rows)
    train_rows += _teacher_rows(held_out)
    digest = rows_digest(train_rows)
    result = fit(train_rows, request.seed)
    result.model.save(artifact_path())
    figures: dict[str, Any] = {
        "version": result.model.version,
        "labels_sha256": file_hash,
        "train_rows_sha256": digest,
        "n_train": len(train_rows),
        "n_held_out": len(held_out),
        "seed": request.seed,
        "C": result.c,
        "cv_accuracy": result.cv_accuracy,
        "train_accuracy": result.train_accuracy,
        "export_max_error": result.export_error,
        "n_terms": len(result.model.terms),
        "dense_features": list(DENSE_NAMES),
        "sklearn": sklearn.__version__,
        "held_out_accuracy": {
            "trained": _held_out_accuracy(trained_scorer(), held_out),
            "rules": _held_out_accuracy(SCORERS["rules"](), held_out),
        },
    }
    metadata_path().write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    text = (
        f"trained {result.model.version} on {len(train_rows)} rows (C={result.c}, "
        f"cv accuracy {result.cv_accuracy[str(result.c)]:.3f}); held-out accuracy "
        f"trained {figures['held_out_accuracy']['trained']:.3f} vs rules {figures['held_out_accuracy']['rules']:.3f}"
    )
    return TrainResult(behaviour="policy", artifact=artifact_path(), figures=figures, text=text)


class Measured(BaseModel):
    """Everything measured of one implementation on the held-out rows."""

    scores: Scores
    sweep: dict[str, float]
    robustness: Robustness


def _measure(
    name: str, rows: list[LabelRow], texts: dict[tuple[str, str], list[str]], step: tuple[Callable[[str], None], str]
) -> Measured:
    """Scores at the default threshold, agreement at each swept threshold, and robustness to real targets; announced
    by `step` (what to call, and the rows' name) for a progress display."""
    announce, rows_name = step
    announce(f"{name} on {rows_name}")
    scorer = SCORERS[name]()
    raw = [scorer.score(r.as_input()) for r in rows]
    sweep = {f"{t:.1f}": sum((s >= t) == (r.label == "targeted") for s, r in zip(raw, rows)) / len(rows) for t in SWEEP}
    label = scorer.name + (" (fallback)" if scorer.fallback else "")
    decisions = [decide_with(scorer, r.as_input(), 0.5) for r in rows]
    scores = score(
        label,
        [
            Scored(text=r.request, gold=r.label, predicted=d.label, category=r.category, detail=r.unit, score=d.score)
            for r, d in zip(rows, decisions)
        ],
        LABELS,
    )
    return Measured(scores=scores, sweep=sweep, robustness=measure(scorer, rows, texts))


def evaluate(request: EvalRequest) -> EvalResult:
    """Score each implementation on the held-out split; write `policy_eval.md` into the report dir."""
    names = request.implementations or list(SCORERS)
    unknown = sorted(set(names) - set(SCORERS))
    if unknown:
        raise ValueError(f"unknown policy implementations {unknown}; known: {sorted(SCORERS)}")
    rows, file_hash, _ = _labels()
    held_out = split(rows)[1]
    texts = fillers(rows)
    measured = [_measure(name, held_out, texts, (request.step, "the held-out split")) for name in names]
    results = [m.scores for m in measured]
    text = render(
        results,
        {m.scores.implementation: m.sweep for m in measured},
        {m.scores.implementation: m.robustness for m in measured},
        file_hash,
    )
    operations = measure_operations(rows, {row.key() for row in held_out})
    text += "\n" + operations.markdown()
    real = _real_test(names, request.step)
    text += real.text
    report = write_report(request.report_dir, "policy", text)
    figures = {
        "n_held_out": len(held_out),
        "labels_sha256": file_hash,
        **{
            m.scores.implementation: {
                "accuracy": m.scores.accuracy,
                "robustness": m.robustness.model_dump(),
                **{k: v.model_dump() for k, v in m.scores.classes.items()},
            }
            for m in measured
        },
        "operation": operations.model_dump(exclude={"misses"}),
        **real.figures,
    }
    return EvalResult(behaviour="policy", figures=figures, text=text, files=[report])


class _RealTest(BaseModel):
    """The real-traffic test split's figures and report section (empty when the split is absent)."""

    figures: dict[str, Any] = {}
    text: str = ""


def _real_test(names: list[str], announce: Callable[[str], None]) -> _RealTest:
    """Label and operation agreement on `labels_real_test.csv`: real follow-up edits two labellers agreed on,
    never trained on (the reply or the located part as target_text)."""
    path = behaviour_dir("policy") / "labels_real_test.csv"
    if not path.exists():
        return _RealTest()
    rows, _ = read_rows(path)
    texts = fillers(rows)
    accuracy = {
        name: _measure(name, rows, texts, (announce, "the real-traffic test split")).scores.accuracy for name in names
    }
    operations = measure_operations(rows, {row.key() for row in rows})
    lines = [
        f"\n## Real-traffic test split ({len(rows)} rows, never trained on)\n",
        *table(["implementation", "accuracy"], accuracy.items()),
    ]
    figures = {
        "real_test": {
            "rows": len(rows),
            **{name: {"accuracy": value} for name, value in accuracy.items()},
            "operation": operations.model_dump(exclude={"misses"}),
        }
    }
    return _RealTest(figures=figures, text="\n".join(lines) + "\n\n" + operations.markdown())


class PredictInput(PolicyInput):
    """One line of `canvas-tui predict policy`."""

    id: str | int | None = None
    request: RequestText


class PredictOutput(BaseModel):
    """One line of `predict policy` output: the policy, the edit operation, and P(targeted)."""

    id: str | int | None
    policy: str
    operation: str
    score: float


def load(folder: Path) -> Scorer:
    """The trained scorer from its data folder: the one place its artifact is read."""
    return trained_scorer(folder / ARTIFACT_NAME)


def predict(scorer: Scorer, items: list[PredictInput]) -> list[PredictOutput]:
    """Decide each line with the given scorer and the configured threshold."""
    threshold = load_settings().policy_threshold
    decisions = [decide_with(scorer, item, threshold) for item in items]
    return [
        PredictOutput(
            id=item.id, policy=d.label, operation=operation_for(item.request, d.label), score=round(d.score, 4)
        )
        for item, d in zip(items, decisions)
    ]


def _request_hash(rows: list[dict]) -> list[bool]:
    """The policy split: a hash of each row's request, target text and unit (an unreadable row is not held out)."""
    flags = []
    for row in rows:
        try:
            flags.append(LabelRow.model_validate(row).held_out())
        except ValidationError:
            flags.append(False)
    return flags


BEHAVIOUR = Behaviour(
    name="policy",
    summary="policy (rewrite vs targeted)",
    folder="policy",
    input_model=PredictInput,
    output_model=PredictOutput,
    load=load,
    predict=predict,
    label_files=[
        LabelFile(pattern="labels.csv", split="train+held-out"),
        LabelFile(pattern="labels_real_test.csv", split="eval"),
    ],
    implementations=tuple(SCORERS),
    default="trained",
    train=train,
    evaluate=evaluate,
    splits={"request_hash": _request_hash},
    cross_checks=CROSS_CHECKS,
    span_of=edit_row_span,
    method="TF-IDF + features, logistic regression, threshold in settings; the operation (delete / move / insert / "
    "replace / rewrite) from the label plus operation rules",
    headline={
        "real-traffic test accuracy": "real_test.trained.accuracy",
        "held-out": "trained.accuracy",
        "operation agreement": "operation.agreement.all",
    },
    baseline={
        "cue words, real-traffic test": "real_test.rules.accuracy",
        "held-out": "rules.accuracy",
        "operation from the label alone": "operation.baseline.all",
    },
)
