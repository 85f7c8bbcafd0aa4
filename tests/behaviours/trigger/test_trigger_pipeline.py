"""The trigger and router pipelines: train -> eval -> predict round trip, figures, batch contract."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.router import pipeline as router_pipeline
from canvas_tui.behaviours.trigger import pipeline
from canvas_tui.behaviours.trigger.data import read_labels
from canvas_tui.behaviours.trigger.prompted import PromptedTrigger
from canvas_tui.behaviours.trigger.slow_path import SlowPathSpec
from canvas_tui.cli import cli
from canvas_tui.learn.artifact import read_artifact
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.paths import PROJECT_ROOT
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.contracts import EvalRequest, TrainRequest
from canvas_tui.pipeline.iterate import guards_made_worse
from canvas_tui.pipeline.training import train_behaviour

REAL = PROJECT_ROOT / "behaviours" / "trigger"
REAL_ROUTER = PROJECT_ROOT / "behaviours" / "router"


@pytest.fixture
def small_data(tmp_path, monkeypatch):
    """A behaviours dir with every eighth committed label of both tasks (a few thousand rows: what these tests check does
    not need more, and each training costs time in proportion); the real artifacts stay untouched."""
    folder = tmp_path / "behaviours" / "trigger"
    for real in (REAL, REAL_ROUTER):
        (tmp_path / "behaviours" / real.name).mkdir(parents=True)
        with (real / "labels.csv").open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows, fields = list(reader)[::8], reader.fieldnames
        with (tmp_path / "behaviours" / real.name / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    return folder


def test_train_eval_predict_round_trip_in_a_separate_folder(small_data, tmp_path):
    real_bytes = (REAL / "trigger_model.json").read_bytes()
    result = pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False))
    assert result.artifact == small_data / "trigger_model.json"
    first = result.artifact.read_bytes()
    assert pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False)).artifact.read_bytes() == first, (
        "training is deterministic"
    )
    evaluation = pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path / "reports", show_progress=False))
    assert evaluation.figures["trained"]["accuracy"] == result.figures["figures"]["accuracy"]
    assert {path.suffix for path in evaluation.files} == {".md", ".png"}
    source = io.StringIO(
        '{"id": 1, "prompt": "Write a cover letter for a chef job.", "extra": 3}\n'
        '{"id": "b", "prompt": "What is 2 + 2?"}\n'
    )
    sink = io.StringIO()
    run_batch(pipeline.BEHAVIOUR.predictor(), source, sink, progress=False)
    outputs = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [(o["id"], o["label"]) for o in outputs] == [(1, "canvas"), ("b", "inline")]
    assert all(set(o) == {"id", "label", "score"} and 0 <= o["score"] <= 1 for o in outputs)
    assert (REAL / "trigger_model.json").read_bytes() == real_bytes


def test_training_says_each_step_and_names_the_fast_models_figure_beside_the_cards_headline(small_data):
    steps: list[str] = []
    trained = train_behaviour("trigger", TrainRequest(show_progress=False, on_step=steps.append))
    rows = read_artifact(small_data / "trigger_model.json").training.rows
    assert steps[:5] == [
        "linting the labels",
        f"fitting the fast model on {rows} rows",
        "choosing its cut-off on 5 cross-validation folds",
        f"scoring the fast model on the held-out split ({trained.train.figures['test_rows']} rows)",
        "re-choosing the slow path's band on the validation slice",
    ]
    assert steps[5] == "evaluating cascade on the held-out split" and steps[-1].startswith("evaluating keyword on ")
    assert "fast model (`trained`)" in trained.train.text and "fast model alone, held-out" in trained.train.text
    cascade = trained.eval.figures["cascade"]["accuracy"]
    assert trained.headline.startswith("headline (default `cascade`, as CARD.md and the README show it): ")
    assert f"held-out accuracy {cascade:.4g}" in trained.headline


def test_the_eval_shows_each_splits_headline_and_leaves_the_per_category_tables_to_its_report(tmp_path):
    result = CliRunner().invoke(
        cli, ["eval", "trigger", "--impl", "keyword", "--report-dir", str(tmp_path), "--no-card"]
    )
    report = (tmp_path / "trigger_eval.md").read_text(encoding="utf-8")
    assert result.exit_code == 0 and "Accuracy per category" in report
    assert "Accuracy per category:" not in result.stdout and len(result.stdout.splitlines()) < 80
    for split in ("held_out_real_traffic", "blind_labels", "real_test"):
        assert f"# trigger eval: {split}" in result.stdout
    assert (
        f"Accuracy per category, confusions and misses of every split: {tmp_path / 'trigger_eval.md'}" in result.stdout
    )
    as_json = CliRunner().invoke(
        cli, ["eval", "trigger", "--impl", "keyword", "--report-dir", str(tmp_path), "--no-card", "--json"]
    )
    assert set(json.loads(as_json.stdout)["splits"]) >= {"real_test", "blind_labels"}


def test_trained_trigger_beats_the_keyword_baseline_on_the_held_out_split(tmp_path):
    figures = pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False)).figures
    assert figures["trained"]["accuracy"] > figures["keyword"]["accuracy"]
    assert figures["trained"]["canvas_recall"] >= figures["keyword"]["canvas_recall"]


def test_router_eval_runs_and_the_trained_router_beats_its_keyword_baseline(tmp_path):
    result = router_pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False))
    assert result.figures["trained"]["accuracy"] > result.figures["keyword"]["accuracy"]
    assert (tmp_path / "router_eval.md").read_text(encoding="utf-8").startswith("# router eval")


def test_an_unavailable_implementation_is_reported_not_fatal(tmp_path):
    result = pipeline.BEHAVIOUR.evaluate(
        EvalRequest(implementations=["keyword", "oracle"], report_dir=tmp_path, show_progress=False)
    )
    assert list(k for k in result.figures if k not in ("test_rows", "notes", "splits")) == ["keyword"]
    assert any(note.startswith("oracle: not run") for note in result.figures["notes"])


def test_the_eval_says_each_step_it_starts_for_a_progress_display(tmp_path):
    steps: list[str] = []
    pipeline.BEHAVIOUR.evaluate(
        EvalRequest(implementations=["keyword"], report_dir=tmp_path, show_progress=False, on_step=steps.append)
    )
    assert steps[0] == "keyword on the held-out split"
    assert len(steps) > 1 and all(step.startswith("keyword on ") for step in steps)


async def test_prompted_trigger_asks_the_model_and_falls_back_to_the_rule_on_invalid_replies():
    client = ScriptedClient(['{"label": "canvas"}', "not json", "still not json"])
    trigger = PromptedTrigger(client)
    asked = await trigger.decide("Tell me about whales.", document=None)
    fallback = await trigger.decide("Write an essay on whales.", document=None)
    explicit = await trigger.decide("Use the canvas for a haiku.", document=None)
    assert (asked.label, asked.provenance.fallback) == ("canvas", False)
    assert (fallback.label, fallback.provenance.fallback) == ("canvas", True)
    assert explicit.explicit and len(client.requests) == 3


def test_malformed_predict_lines_are_reported_by_line_number_and_the_rest_predicted():
    source = io.StringIO(
        '{"id": 1, "prompt": "Write a blog post about tea."}\nnot json\n{"id": 3}\n{"id": 4, "prompt": "hi"}\n'
    )
    sink, errors = io.StringIO(), io.StringIO()
    report = run_batch(pipeline.BEHAVIOUR.predictor(), source, sink, progress=False, errors=errors)
    assert report.predicted == 2 and [n for n, _ in report.errors] == [2, 3]
    assert "line 2" in errors.getvalue() and "line 3: prompt" in errors.getvalue()
    assert len(sink.getvalue().splitlines()) == 4


def test_router_predictor_routes_with_a_document_and_falls_back_to_the_trigger_without_one():
    source = io.StringIO(
        '{"id": 1, "prompt": "Make it shorter.", "document": "# Essay\\n\\nLong text."}\n'
        '{"id": 2, "prompt": "What is the capital of Peru?", "document": null}\n'
    )
    sink = io.StringIO()
    run_batch(router_pipeline.BEHAVIOUR.predictor(), source, sink, progress=False)
    assert [json.loads(line)["label"] for line in sink.getvalue().splitlines()] == ["edit", "chat"]


def test_eval_reports_each_blind_set_as_its_own_split_and_never_trains_on_it(small_data, tmp_path):
    blind = (
        "prompt,label,context,category,note\nWrite an essay on tides.,canvas,,writing,\nWhat is a tide?,inline,,stem,\n"
    )
    (small_data / "blind_labels_x.csv").write_text(blind, encoding="utf-8")
    trained = pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False))
    result = pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False))
    split = result.figures["splits"]["blind_labels_x"]
    assert split["rows"] == 2 and set(split) == {"cascade", "trained", "keyword", "rows"}
    assert trained.figures["train_rows"] + trained.figures["test_rows"] == len(read_labels(small_data / "labels.csv"))
    assert "# trigger eval: blind_labels_x" in result.text


def test_training_tunes_a_canvas_threshold_by_cross_validation(small_data):
    metadata = pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False)).figures
    assert 0.1 <= metadata["threshold"] <= 0.9


def test_iterate_keeps_a_trigger_candidate_only_if_the_shipped_cascade_and_the_fast_model_hold_on_real_traffic():
    config = load_config("trigger")
    cascade, fast = "splits.real_test.cascade.accuracy", "splits.real_test.trained.accuracy"
    assert config.eval.guards == [cascade, fast]
    assert "slow_path.json" in config.artifacts, "a kept candidate brings the slow path's band re-chosen for it"

    def figures(shipped: float, alone: float) -> dict:
        real_test = {"cascade": {"accuracy": shipped}, "trained": {"accuracy": alone}}
        return {"trained": {"accuracy": 0.9}, "splits": {"real_test": real_test}}

    assert guards_made_worse(config, figures(0.90, 0.86), figures(0.89, 0.87)) == [cascade]
    assert guards_made_worse(config, figures(0.90, 0.86), figures(0.91, 0.85)) == [fast]
    assert guards_made_worse(config, figures(0.90, 0.86), figures(0.90, 0.86)) == []
    assert guards_made_worse(config, figures(0.90, 0.86), {"trained": {"accuracy": 0.95}}) == [cascade, fast]


@pytest.mark.parametrize("behaviour", ["trigger", "router"])
def test_batch_prediction_does_not_load_the_training_library(behaviour):
    code = (
        "import sys, contextlib\n"
        "from canvas_tui.cli import cli\n"
        "with contextlib.suppress(SystemExit):\n"
        f"    cli(['predict', '{behaviour}'])\n"
        "print('sklearn' in sys.modules)\n"
    )
    line = json.dumps({"id": "1", "prompt": "Write an essay about tea", "document": None}) + "\n"
    run = subprocess.run(
        [sys.executable, "-c", code], input=line, capture_output=True, text=True, cwd=PROJECT_ROOT, check=True
    )
    assert '"label"' in run.stdout and run.stdout.strip().splitlines()[-1] == "False"


def test_eval_says_when_the_slow_path_is_missing_or_was_trained_on_other_data(small_data, tmp_path):
    pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False))
    notes = pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False)).figures["notes"]
    assert any(note.startswith("cascade: slow path unavailable, fast model alone") for note in notes)
    shutil.copy(REAL / "slow_path.json", small_data / "slow_path.json")
    notes = pipeline.BEHAVIOUR.evaluate(EvalRequest(report_dir=tmp_path, show_progress=False)).figures["notes"]
    assert any(note.startswith("WARNING: the slow path (band ") and "on other training data" in note for note in notes)


@pytest.mark.slow
def test_training_the_fast_model_chooses_the_slow_paths_band_again_for_it(small_data):
    for name in ("slow_path.json", "slow_path.npz"):
        shutil.copy(REAL / name, small_data / name)
    shipped = SlowPathSpec.model_validate_json((REAL / "slow_path.json").read_text(encoding="utf-8"))
    result = pipeline.BEHAVIOUR.train(TrainRequest(show_progress=False))
    assert "slow path re-chosen for this model" in result.text
    spec = SlowPathSpec.model_validate_json((small_data / "slow_path.json").read_text(encoding="utf-8"))
    assert spec.training.validation_rows < shipped.training.validation_rows, "chosen on this folder's own rows"
    assert spec.training.data_hash == shipped.training.data_hash, "the fine-tuned weights are kept"
    assert (small_data / "slow_path.npz").read_bytes() == (REAL / "slow_path.npz").read_bytes()
