"""`canvas-tui predict/eval comment`: spans that index the document, and the figures the card reads."""

from __future__ import annotations

import io
import json

from canvas_tui.behaviours.comment.pipeline import PREDICTOR, evaluate
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest

DOC = "# Note\n\nWe will definately ship on time. Studies show 90% of users agree.\n"


def test_each_predicted_comment_gives_the_exact_span_of_its_quote():
    lines = [json.dumps({"id": 1, "document": DOC, "request": "critique this"}),
             json.dumps({"id": 2, "document": DOC, "request": "proofread", "max_comments": 1})]
    sink = io.StringIO()
    report = run_batch(PREDICTOR, io.StringIO("\n".join(lines)), sink, progress=False)
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert report.predicted == 2 and [r["id"] for r in records] == [1, 2]
    assert all(DOC[c["start"]:c["end"]] == c["quote"] for r in records for c in r["comments"])
    assert len(records[1]["comments"]) <= 1 and records[1]["kind"] == "proofread"


def test_the_offline_eval_reports_placement_figures_per_implementation(tmp_path):
    result = evaluate(EvalRequest(report_dir=tmp_path, show_progress=False))
    assert set(result.figures) == {"scorer", "rules"}
    assert 0.0 <= result.figures["scorer"]["f1"] <= 1.0 and result.figures["scorer"]["anchor_rate"] == 1.0
    assert (tmp_path / "comment_eval.md").read_text(encoding="utf-8").startswith("# comment placement eval")
