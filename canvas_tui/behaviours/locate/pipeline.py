"""The locator, declared: its batch contract (`predict locate`) and its eval on the labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, field_validator

from canvas_tui.behaviours.base import LocateDecision, Span
from canvas_tui.behaviours.locate.baseline import overlap_decide
from canvas_tui.behaviours.locate.evaluation import Figures, Outcome, figures, score
from canvas_tui.behaviours.locate.labels import Label, load, load_all, real_label_files
from canvas_tui.behaviours.locate.locator import NAME, decide
from canvas_tui.behaviours.locate.meaning import rules_only
from canvas_tui.behaviours.locate.spans import locate_offsets
from canvas_tui.behaviours.policy.decide import decide_with
from canvas_tui.behaviours.policy.features import PolicyInput
from canvas_tui.behaviours.policy.scorers import Scorer, trained_scorer
from canvas_tui.behaviours.router.checks import CROSS_CHECKS
from canvas_tui.pipeline.contract import Behaviour, LabelFile, RequestText
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult
from canvas_tui.pipeline.edit_rows import edit_row_span
from canvas_tui.pipeline.evalkit.reports import write_report
from canvas_tui.pipeline.evalkit.tables import table

RULES_ONLY = "rules-no-model"


def _rules_only(document: str, request: str, selection: Span | None) -> LocateDecision:
    """The locator with its embedding model switched off: what the default locator falls back to."""
    with rules_only():
        return decide(document, request, selection)


IMPLEMENTATIONS = {
    NAME: decide,
    RULES_ONLY: _rules_only,
    "word-overlap": lambda doc, req, sel: overlap_decide(doc, req),
}


class LocateInput(BaseModel):
    """One input line of `canvas-tui predict locate`."""

    id: str | int | None = None
    document: str
    request: RequestText
    selection: Span | None = None
    """The part the person selected, as character offsets {"start": N, "end": N} (end excluded), or null."""

    @field_validator("selection", mode="before")
    @classmethod
    def _selection_shape(cls, value: Any) -> Any:
        """A selection that is neither null nor an object is said in the contract's terms, not as a class name."""
        if value is not None and not isinstance(value, dict | Span):
            raise ValueError('expected null or {"start": N, "end": N} (character offsets, end excluded)')
        return value


class LocateOutput(BaseModel):
    """One line of `predict locate` output: the span (None when nothing is located), its unit, the policy, the confidence."""

    id: str | int | None
    start: int | None
    end: int | None
    unit: str | None
    policy: str
    confidence: float


def predict_one(policy: Scorer, item: LocateInput) -> LocateOutput:
    """The located span, its unit kind, the edit policy for it (by the given policy scorer), and the confidence."""
    decision = decide(item.document, item.request, item.selection)
    if decision.span is None:
        label = decide_with(policy, PolicyInput(request=item.request, target_text=item.document, unit="document"), 0.5)
        return LocateOutput(id=item.id, start=None, end=None, unit=None, policy=label.label, confidence=0.0)
    target = item.document[decision.span.start : decision.span.end]
    label = decide_with(policy, PolicyInput(request=item.request, target_text=target, unit=decision.unit), 0.5)
    return LocateOutput(
        id=item.id,
        start=decision.span.start,
        end=decision.span.end,
        unit=decision.unit,
        policy=label.label,
        confidence=decision.confidence,
    )


def load_models(folder: Path) -> Scorer:
    """The locator is rules and a shipped embedding model (nothing to read from its folder); its answers carry the
    edit policy for the located part, so the policy's trained scorer is loaded here, once."""
    return trained_scorer()


def predict(policy: Scorer, items: list[LocateInput]) -> list[LocateOutput]:
    """Locate every item."""
    return [predict_one(policy, item) for item in items]


def _table(title: str, runs: dict[str, Figures], attribute: str) -> list[str]:
    keys = sorted({k for f in runs.values() for k in getattr(f, attribute)})
    rows = [[k, *(getattr(f, attribute).get(k, 0.0) for f in runs.values())] for k in keys]
    return [f"### {title}", "", *table(["", *runs], rows, digits=2), ""]


def _misses(outcomes: list[Outcome]) -> list[str]:
    rows = [
        [o.label.split, o.label.doc, o.label.style, o.label.unit, o.label.request, o.iou] for o in outcomes if not o.hit
    ]
    return [
        "### Misses of the default locator",
        "",
        *table(["split", "doc", "style", "unit", "request", "IoU"], rows, digits=2),
        "",
    ]


def _report(results: dict[str, dict[str, Figures]], misses: list[Outcome]) -> str:
    lines = [
        "# Locate eval",
        "",
        "Hit = IoU >= 0.5 with the gold span. `test` rows are held out (not tuned on); "
        "`blind*` splits were written by someone other than the locator's author (labels_blind*.csv).",
        "",
    ]
    for split, runs in results.items():
        rows = [
            [name, f.count, f.accuracy, f.mean_iou, *("" if v is None else v for v in (f.code, f.prose, f.half_code))]
            for name, f in runs.items()
        ]
        header = ["implementation", "n", "accuracy", "mean IoU", "code targets", "prose targets", "half code"]
        lines += [f"## {split}", "", *table(header, rows), ""]
        lines += _table("By style (accuracy)", runs, "by_style") + _table("By unit (accuracy)", runs, "by_unit")
    return "\n".join(lines + _misses(misses))


def _splits() -> dict[str, list[Label]]:
    """dev, test and all (labels.csv), then each blind set (labels_blind*.csv) and each real-traffic split
    (labels_real*.csv) as its own split."""
    original = load()
    splits = {
        "dev": [l for l in original if l.split == "dev"],
        "test": [l for l in original if l.split == "test"],
        "all": original,
    }
    real = [label for path in real_label_files() for label in load(path)]
    for label in load_all()[len(original) :] + real:
        splits.setdefault(label.split, []).append(label)
    return splits


def evaluate(request: EvalRequest) -> EvalResult:
    """Score the default locator (rules + embedding model when installed), the rules alone and the word-overlap
    baseline on dev, held-out test and the blind sets."""
    names = request.implementations or list(IMPLEMENTATIONS)
    results: dict[str, dict[str, Figures]] = {}
    misses: list[Outcome] = []
    for split, subset in _splits().items():
        for name in names:
            request.step(f"{name} on {split}")
            outcomes = score(IMPLEMENTATIONS[name], subset)
            results.setdefault(split, {})[name] = figures(outcomes)
            misses += outcomes if (name == NAME and split != "all") else []
    text = _report(results, [o for o in misses if not o.hit])
    path = write_report(request.report_dir, "locate", text)
    data = {split: {name: f.model_dump() for name, f in runs.items()} for split, runs in results.items()}
    return EvalResult(behaviour="locate", figures=data, text=text, files=[path])


BEHAVIOUR = Behaviour(
    name="locate",
    summary="locate (which part)",
    folder="locate",
    input_model=LocateInput,
    output_model=LocateOutput,
    load=load_models,
    predict=predict,
    label_files=[
        LabelFile(pattern="labels.csv", split="column"),
        LabelFile(pattern="labels_blind*.csv", split="eval"),
        LabelFile(pattern="labels_real*.csv", split="eval"),
    ],
    implementations=tuple(IMPLEMENTATIONS),
    default=NAME,
    evaluate=evaluate,
    checks={"locate_offsets": locate_offsets},
    cross_checks=CROSS_CHECKS,
    span_of=edit_row_span,
    method="rules + heading/quote/topic scoring (BM25, related terms, MiniLM meaning) + the structure of assistant "
    "replies",
    headline={
        "real-traffic test weighted to half code targets (the held-out mix)": "real_test.rules.half_code",
        "unweighted": "real_test.rules.accuracy",
        "rules alone": f"real_test.{RULES_ONLY}.accuracy",
        "dev": "dev.rules.accuracy",
        "test": "test.rules.accuracy",
        "first blind set": "blind.rules.accuracy",
    },
    baseline={
        "largest word overlap, real-traffic test": "real_test.word-overlap.accuracy",
        "test": "test.word-overlap.accuracy",
    },
)
