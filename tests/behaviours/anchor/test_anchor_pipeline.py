"""`canvas-tui predict anchor` and `canvas-tui eval anchor`: the JSONL contract and an eval run."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.anchor.evalset import EvalRow
from canvas_tui.behaviours.anchor.pipeline import BEHAVIOUR, evaluate
from canvas_tui.cli import cli
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest

DOC = "Reviews keep the codebase healthy. Reviewers should be kind. Reviews keep the codebase healthy."


def predict(lines: list[str]) -> tuple[list[dict], str]:
    sink, errors = io.StringIO(), io.StringIO()
    run_batch(BEHAVIOUR.predictor(), io.StringIO("\n".join(lines) + "\n"), sink, progress=False, errors=errors)
    return [json.loads(line) for line in sink.getvalue().splitlines()], errors.getvalue()


def test_each_line_is_answered_in_order_with_its_id_unchanged() -> None:
    ids = [7, "b", None, {"k": [1, 2]}, 2.5]
    quotes = [
        "reviewers should be KIND",
        "Nothing like this is in the document at all.",
        "codebase healthy",
        "Reviewers shuold be kind.",
        "be kind",
    ]
    records, _ = predict([json.dumps({"id": i, "document": DOC, "quote": q}) for i, q in zip(ids, quotes)])
    assert [r["id"] for r in records] == ids
    assert [r["start"] is not None for r in records] == [True, False, True, True, True]


def test_an_anchor_has_exactly_id_start_end_score_and_none_has_null_start() -> None:
    found, absent = predict(
        [
            json.dumps({"id": 1, "document": DOC, "quote": "Reviewers should be kind."}),
            json.dumps({"id": 2, "document": DOC, "quote": "Tests must pass before merging."}),
        ]
    )[0]
    assert set(found) == {"id", "start", "end", "score"}
    assert DOC[found["start"] : found["end"]] == "Reviewers should be kind." and found["score"] == 1.0
    assert absent["start"] is None and absent["end"] is None


def test_lone_surrogates_in_json_strings_are_just_text() -> None:
    records, errors = predict(['{"id": 1, "document": "Be kind \\ud800 to everyone.", "quote": "kind \\ud800 to"}'])
    assert records[0]["start"] == 3 and not errors


def test_a_bad_line_is_reported_by_number_and_the_others_still_predicted() -> None:
    good = json.dumps({"id": "ok", "document": DOC, "quote": "should be kind"})
    records, errors = predict([good, "{not json", json.dumps({"id": "no-quote", "document": DOC}), good])
    assert [r.get("error", "")[:7] for r in records] == ["", "line 2:", "line 3:", ""]
    assert records[2]["id"] == "no-quote" and records[3]["start"] == DOC.index("should")
    assert "line 2" in errors and "line 3" in errors


def test_the_cli_predicts_from_a_file_to_a_file(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": 1, "document": DOC, "quote": "be kind"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["predict", "anchor", "--input", str(source), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["start"] == DOC.index("be kind")


@pytest.fixture
def tiny_eval_set(tmp_path: Path, monkeypatch) -> Path:
    """A behaviours dir holding a four-row anchor eval set (no thresholds file: defaults apply)."""
    folder = tmp_path / "behaviours" / "anchor"
    (folder / "documents").mkdir(parents=True)
    (folder / "documents" / "d.md").write_text(DOC, encoding="utf-8")
    start = DOC.index("Reviewers")
    rows = [
        EvalRow(id="1", doc="d.md", quote="Reviewers should be kind.", kind="exact", start=start, end=start + 25),
        EvalRow(id="2", doc="d.md", quote="reviewers shuold be kind", kind="typo", start=start, end=start + 25),
        EvalRow(id="3", doc="d.md", quote="Tests must pass before merging.", kind="absent"),
        EvalRow(
            id="4",
            doc="d.md",
            quote="Reviews keep the codebase healthy.",
            kind="repeated",
            start=0,
            end=34,
            ambiguous=True,
        ),
    ]
    (folder / "eval.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    return tmp_path


def test_an_eval_run_compares_with_the_baselines_and_writes_a_report(tiny_eval_set: Path) -> None:
    result = evaluate(EvalRequest(report_dir=tiny_eval_set / "reports", show_progress=False))
    figures = result.figures
    assert set(figures) == {"text-quote", "exact-substring", "difflib-window"}
    assert figures["text-quote"]["accuracy"] == 1.0
    assert figures["exact-substring"]["per_kind"]["typo"] == 0.0
    assert figures["text-quote"]["false_anchors"] == 0 and figures["text-quote"]["negatives"] == 1
    assert all(path.exists() for path in result.files)
    assert "| typo |" in result.text


def test_an_eval_run_rejects_an_unknown_implementation(tiny_eval_set: Path) -> None:
    with pytest.raises(ValueError, match="unknown anchor implementation"):
        evaluate(EvalRequest(implementations=["nope"], report_dir=tiny_eval_set / "reports"))


def test_the_eval_says_each_step_it_starts_for_a_progress_display(tiny_eval_set: Path) -> None:
    steps: list[str] = []
    evaluate(EvalRequest(report_dir=tiny_eval_set / "reports", show_progress=False, on_step=steps.append))
    assert steps == [
        "text-quote on the eval split",
        "exact-substring on the eval split",
        "difflib-window on the eval split",
    ]
