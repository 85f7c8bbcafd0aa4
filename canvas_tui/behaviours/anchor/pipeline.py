"""The anchor behaviour's pipeline entry points: batch `predict` and `eval`.

`canvas-tui predict anchor` reads `{"id", "document", "quote"}` lines and writes
`{"id", "start", "end", "score"}` (start/end null for no anchor), ids passed through unchanged.
`canvas-tui eval anchor` scores the anchorer and the baselines on the eval split in one run.
"""

from __future__ import annotations

import json
import time
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.behaviours.anchor.baselines import DifflibWindowAnchorer, ExactSubstringAnchorer
from canvas_tui.behaviours.anchor.evalset import load_documents, load_rows
from canvas_tui.behaviours.anchor.report import render_report
from canvas_tui.behaviours.anchor.scoring import Summary, run, summarise
from canvas_tui.behaviours.interfaces import CommentAnchorer
from canvas_tui.pipeline.batch import BatchPredictor
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult

EVAL_SPLIT = "eval"


class AnchorInput(BaseModel):
    """One line of `predict anchor` input."""

    id: Any = None
    document: str
    quote: str


@lru_cache(maxsize=1)
def _anchorer() -> CommentAnchorer:
    return default_anchorer()


def predict_many(items: list[AnchorInput]) -> list[dict[str, Any]]:
    """Anchor each item's quote in its document; one output record per item, same order."""
    records = []
    for item in items:
        result = _anchorer().anchor(item.document, item.quote)
        if result.span is None:
            records.append({"id": item.id, "start": None, "end": None, "score": result.score})
        else:
            records.append({"id": item.id, "start": result.span.start, "end": result.span.end, "score": result.score})
    return records


PREDICTOR = BatchPredictor(input_model=AnchorInput, predict_many=predict_many)


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
        began = time.perf_counter()
        summaries.append(summarise(name, run(available[name], rows, documents)))
        seconds[name] = time.perf_counter() - began
    text = render_report(EVAL_SPLIT, summaries, seconds)
    request.report_dir.mkdir(parents=True, exist_ok=True)
    report, figures_file = request.report_dir / "anchor-eval.md", request.report_dir / "anchor-eval.json"
    figures = {s.implementation: s.model_dump() for s in summaries}
    report.write_text(text, encoding="utf-8")
    figures_file.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return EvalResult(behaviour="anchor", figures=figures, text=text, files=[report, figures_file])
