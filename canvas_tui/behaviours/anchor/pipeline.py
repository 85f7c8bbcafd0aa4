"""The anchor behaviour's pipeline entry points: batch `predict` and `eval`.

`canvas-tui predict anchor` reads `{"id", "document", "quote"}` lines and writes
`{"id", "start", "end", "score"}` (start/end null for no anchor), ids passed through unchanged.
`canvas-tui eval anchor` scores the anchorer and the baselines on the eval split in one run.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.anchor.baselines import DifflibWindowAnchorer, ExactSubstringAnchorer
from canvas_tui.behaviours.anchor.evalset import load_documents, load_rows
from canvas_tui.behaviours.anchor.report import render_report
from canvas_tui.behaviours.anchor.scoring import Summary, run, summarise
from canvas_tui.behaviours.interfaces import CommentAnchorer
from canvas_tui.pipeline.contract import Behaviour, LabelFile
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult
from canvas_tui.pipeline.evalkit.reports import report_path, write_report

EVAL_SPLIT = "eval"


class AnchorInput(BaseModel):
    """One line of `predict anchor` input."""

    id: Any = None
    document: str
    quote: str


class AnchorOutput(BaseModel):
    """One line of `predict anchor` output: the span (None when the quote is nowhere) and the match score."""

    id: Any
    start: int | None
    end: int | None
    score: float


def load(folder: Path) -> CommentAnchorer:
    """The default anchorer (its calibrated thresholds are shipped with the code)."""
    return default_anchorer()


def predict(anchorer: CommentAnchorer, items: list[AnchorInput]) -> list[AnchorOutput]:
    """Anchor each item's quote in its document; one output per item, same order."""
    outputs = []
    for item in items:
        result = anchorer.anchor(item.document, item.quote)
        span = (result.span.start, result.span.end) if result.span is not None else (None, None)
        outputs.append(AnchorOutput(id=item.id, start=span[0], end=span[1], score=result.score))
    return outputs


def implementations() -> dict[str, CommentAnchorer]:
    """Every anchorer an eval run can compare, by name."""
    anchorers: list[CommentAnchorer] = [default_anchorer(), ExactSubstringAnchorer(), DifflibWindowAnchorer()]
    return {a.name: a for a in anchorers}


def evaluate(request: EvalRequest) -> EvalResult:
    """Score the chosen implementations (default all) on the eval split; write the report."""
    rows, documents = load_rows(EVAL_SPLIT), load_documents()
    available = implementations()
    names = request.implementations or list(available)
    unknown = sorted(set(names) - set(available))
    if unknown:
        raise ValueError(f"unknown anchor implementation(s): {', '.join(unknown)}; known: {', '.join(available)}")
    summaries: list[Summary] = []
    seconds: dict[str, float] = {}
    for name in names:
        request.step(f"{name} on the {EVAL_SPLIT} split")
        began = time.perf_counter()
        summaries.append(summarise(name, run(available[name], rows, documents)))
        seconds[name] = time.perf_counter() - began
    text = render_report(EVAL_SPLIT, summaries, seconds)
    report = write_report(request.report_dir, "anchor", text)
    figures_file = report_path(request.report_dir, "anchor", ".json")
    figures = {s.implementation: s.model_dump() for s in summaries}
    figures_file.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return EvalResult(behaviour="anchor", figures=figures, text=text, files=[report, figures_file])


BEHAVIOUR = Behaviour(
    name="anchor",
    summary="anchor (quote → span or none)",
    folder="anchor",
    input_model=AnchorInput,
    output_model=AnchorOutput,
    load=load,
    predict=predict,
    label_files=[LabelFile(pattern="dev.jsonl", split="dev"), LabelFile(pattern="eval.jsonl", split="eval")],
    implementations=("text-quote", "exact-substring", "difflib-window"),
    default="text-quote",
    evaluate=evaluate,
    method="normalised text-quote anchoring + edlib semi-global edit distance from exact seeds, near-exact raw match last",
    headline={
        "perturbed quotes anchored right": "text-quote.accuracy",
        "false anchors": "text-quote.false_anchors",
        "of absent quotes": "text-quote.negatives",
    },
    baseline={"exact substring": "exact-substring.accuracy", "difflib window": "difflib-window.accuracy"},
)
