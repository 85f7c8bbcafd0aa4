"""The policy's data and pipeline: labels lint clean, the held-out split, train -> eval, batch predict."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from canvas_tui.behaviours.policy import pipeline
from canvas_tui.behaviours.policy.data import CATEGORIES, labels_path, read_rows, rows_digest, split
from canvas_tui.behaviours.policy.scorers import metadata_path
from canvas_tui.paths import PROJECT_ROOT
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest, TrainRequest

FIELDS = ["request", "target_text", "unit", "label", "category", "note", "operation"]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_labels_lint_clean_and_cover_every_category_and_label():
    rows, lint = read_rows(labels_path())
    assert lint.findings == []
    assert {r.category for r in rows} == set(CATEGORIES)
    assert {r.label for r in rows} == {"targeted", "rewrite"}


def test_held_out_split_is_disjoint_stable_and_about_a_quarter():
    rows, _ = read_rows(labels_path())
    train, held_out = split(rows)
    assert {r.key() for r in train}.isdisjoint({r.key() for r in held_out})
    assert 0.15 < len(held_out) / len(rows) < 0.35
    assert split(list(reversed(rows)))[1] == list(reversed(held_out))


def test_committed_artifact_was_trained_on_the_current_training_split():
    rows, _ = read_rows(labels_path())
    metadata = json.loads(metadata_path().read_text(encoding="utf-8"))
    assert metadata["train_rows_sha256"] == rows_digest(split(rows)[0]), (
        "labels.csv changed: run `canvas-tui train policy`"
    )


def test_trained_model_agrees_with_held_out_labels_at_least_as_well_as_rules(tmp_path):
    figures = pipeline.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False)).figures
    assert figures["trained"]["accuracy"] >= figures["rules"]["accuracy"]


@pytest.fixture
def small_behaviours_dir(tmp_path, monkeypatch):
    """A behaviours dir holding every third committed label, so tests never touch the real artifact."""
    with labels_path().open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[::3]
    folder = tmp_path / "behaviours" / "policy"
    folder.mkdir(parents=True)
    _write_labels(folder / "labels.csv", rows)
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    return folder


def _write_labels(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def test_train_then_eval_round_trip_in_a_separate_folder(small_behaviours_dir, tmp_path):
    committed = PROJECT_ROOT / "behaviours" / "policy" / "model.json"
    committed_sha = _sha(committed)
    result = pipeline.train(TrainRequest(show_progress=False))
    assert result.artifact == small_behaviours_dir / "model.json"
    assert result.figures["export_max_error"] < 1e-6, "the artifact keeps 7 significant digits"
    assert result.figures["labels_sha256"] == _sha(small_behaviours_dir / "labels.csv")
    first = _sha(result.artifact)
    pipeline.train(TrainRequest(show_progress=False))
    assert _sha(result.artifact) == first, "training must be deterministic"
    evaluation = pipeline.evaluate(EvalRequest(report_dir=tmp_path / "reports", show_progress=False))
    assert {"rules", "trained"} <= set(evaluation.figures)
    report = (tmp_path / "reports" / "policy_eval.md").read_text(encoding="utf-8")
    assert "Misclassified" in report and "Per category" in report
    assert _sha(committed) == committed_sha


def test_lint_errors_block_training_unless_allowed(small_behaviours_dir):
    rows = list(csv.DictReader((small_behaviours_dir / "labels.csv").open(encoding="utf-8")))
    rows.append(
        {"request": "fix it", "target_text": "", "unit": "sentence", "label": "maybe", "category": "x", "note": ""}
    )
    _write_labels(small_behaviours_dir / "labels.csv", rows)
    with pytest.raises(ValueError, match="lint"):
        pipeline.train(TrainRequest(show_progress=False))
    assert pipeline.train(TrainRequest(show_progress=False, allow_lint_errors=True)).artifact.is_file()


def _predict(lines: list[str]) -> list[dict]:
    sink = io.StringIO()
    run_batch(pipeline.BEHAVIOUR.predictor(), io.StringIO("\n".join(lines)), sink, progress=False, errors=io.StringIO())
    return [json.loads(line) for line in sink.getvalue().splitlines()]


def test_batch_predict_answers_every_line_in_order():
    lines = [
        json.dumps({"id": "a", "request": "fix the typo", "target_text": "teh", "unit": "sentence"}),
        "{not json",
        json.dumps({"id": 7, "request": "make it more formal", "target_text": "", "unit": "document"}),
    ]
    first, broken, last = _predict(lines)
    assert (first["id"], first["policy"]) == ("a", "targeted")
    assert "error" in broken
    assert (last["id"], last["policy"]) == (7, "rewrite")
    assert 0.0 <= last["score"] <= 1.0


def test_batch_predict_uses_the_configured_threshold(monkeypatch):
    line = json.dumps({"id": 1, "request": "make it more formal", "target_text": "", "unit": "document"})
    monkeypatch.setenv("CANVAS_TUI_POLICY_THRESHOLD", "0.0")
    assert _predict([line])[0]["policy"] == "targeted"


def test_the_eval_says_each_step_it_starts_for_a_progress_display(tmp_path):
    steps: list[str] = []
    pipeline.evaluate(
        EvalRequest(implementations=["rules"], report_dir=tmp_path, show_progress=False, on_step=steps.append)
    )
    assert steps == ["rules on the held-out split", "rules on the real-traffic test split"]
