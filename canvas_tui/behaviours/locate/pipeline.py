"""`canvas-tui predict|eval locate`: the locator's batch contract and its eval on the labels."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.base import LocateDecision, Span
from canvas_tui.behaviours.locate.baseline import overlap_decide
from canvas_tui.behaviours.locate.evaluation import Figures, Outcome, figures, score
from canvas_tui.behaviours.locate.labels import Label, load, load_all, real_label_files
from canvas_tui.behaviours.locate.locator import NAME, decide
from canvas_tui.behaviours.locate.meaning import rules_only
from canvas_tui.behaviours.policy import classify
from canvas_tui.pipeline.batch import BatchPredictor
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult

RULES_ONLY = "rules-no-model"


def _rules_only(document: str, request: str, selection: Span | None) -> LocateDecision:
    """The locator with its embedding model switched off: what the default locator falls back to."""
    with rules_only():
        return decide(document, request, selection)


IMPLEMENTATIONS = {NAME: decide, RULES_ONLY: _rules_only,
                   "word-overlap": lambda doc, req, sel: overlap_decide(doc, req)}


class LocateInput(BaseModel):
    """One input line of `canvas-tui predict locate`."""

    id: str | int | None = None
    document: str
    request: str
    selection: Span | None = None


def predict_one(item: LocateInput) -> dict[str, Any]:
    """The located span, its unit kind, the edit policy for it, and the confidence."""
    decision = decide(item.document, item.request, item.selection)
    if decision.span is None:
        policy = classify(item.request, item.document, "document").label
        return {"id": item.id, "start": None, "end": None, "unit": None, "policy": policy, "confidence": 0.0}
    target = item.document[decision.span.start:decision.span.end]
    policy = classify(item.request, target, decision.unit).label
    return {"id": item.id, "start": decision.span.start, "end": decision.span.end, "unit": decision.unit,
            "policy": policy, "confidence": decision.confidence}


PREDICTOR = BatchPredictor(input_model=LocateInput, predict_many=lambda items: [predict_one(i) for i in items])


def _table(title: str, runs: dict[str, Figures], attribute: str) -> list[str]:
    keys = sorted({k for f in runs.values() for k in getattr(f, attribute)})
    lines = [f"### {title}", "", "| | " + " | ".join(runs) + " |", "|---|" + "---|" * len(runs)]
    lines += [f"| {k} | " + " | ".join(f"{getattr(f, attribute).get(k, 0):.2f}" for f in runs.values()) + " |"
              for k in keys]
    return lines + [""]


def _misses(outcomes: list[Outcome]) -> list[str]:
    lines = ["### Misses of the default locator", "", "| split | doc | style | unit | request | IoU |",
             "|---|---|---|---|---|---|"]
    for o in outcomes:
        if not o.hit:
            request = o.label.request.replace("|", "\\|")
            lines.append(f"| {o.label.split} | {o.label.doc} | {o.label.style} | {o.label.unit} | {request} | {o.iou:.2f} |")
    return lines + [""]


def _report(results: dict[str, dict[str, Figures]], misses: list[Outcome]) -> str:
    lines = ["# Locate eval", "", "Hit = IoU >= 0.5 with the gold span. `test` rows are held out (not tuned on); "
             "`blind*` splits were written by someone other than the locator's author (labels_blind*.csv).", ""]
    for split, runs in results.items():
        lines += [f"## {split}", "", "| implementation | n | accuracy | mean IoU |", "|---|---|---|---|"]
        lines += [f"| {name} | {f.count} | {f.accuracy:.3f} | {f.mean_iou:.3f} |" for name, f in runs.items()] + [""]
        lines += _table("By style (accuracy)", runs, "by_style") + _table("By unit (accuracy)", runs, "by_unit")
    return "\n".join(lines + _misses(misses))


def _splits() -> dict[str, list[Label]]:
    """dev, test and all (labels.csv), then each blind set (labels_blind*.csv) and each real-traffic split
    (labels_real*.csv) as its own split."""
    original = load()
    splits = {"dev": [l for l in original if l.split == "dev"], "test": [l for l in original if l.split == "test"],
              "all": original}
    real = [label for path in real_label_files() for label in load(path)]
    for label in load_all()[len(original):] + real:
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
            outcomes = score(IMPLEMENTATIONS[name], subset)
            results.setdefault(split, {})[name] = figures(outcomes)
            misses += outcomes if (name == NAME and split != "all") else []
    text = _report(results, [o for o in misses if not o.hit])
    request.report_dir.mkdir(parents=True, exist_ok=True)
    path = request.report_dir / "locate.md"
    path.write_text(text, encoding="utf-8")
    data = {split: {name: f.model_dump() for name, f in runs.items()} for split, runs in results.items()}
    return EvalResult(behaviour="locate", figures=data, text=text, files=[path])
