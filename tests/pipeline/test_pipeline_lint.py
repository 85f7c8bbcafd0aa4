"""`lint`: planted contradictions are found, errors block training, the committed data is clean."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.policy.data import LabelRow
from canvas_tui.cli import cli
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.lint import lint
from tests.pipeline_support import REAL, copy_behaviour, read_csv

EXPLICIT_CANVAS = "Open a canvas and write me a cover letter for a barista job"
POLICY_REQUEST = "fix the typo in the title"


def _policy_rows() -> list[dict]:
    real = read_csv(REAL / "policy" / "labels.csv")
    rows = [r for r in real if r["label"] == "targeted"][:30] + [r for r in real if r["label"] == "rewrite"][:30]
    planted = [
        {
            "request": "tidy up the wording",
            "target_text": text,
            "unit": "paragraph",
            "label": label,
            "category": "style",
            "note": "planted",
        }
        for text, label in (
            ("The plan was late. Nobody said why.", "targeted"),
            ("Our office moves in May. Staff pack on Friday.", "rewrite"),
        )
    ]
    return rows + planted


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """Small real data with contradictions planted in each behaviour."""
    trigger = read_csv(REAL / "trigger" / "labels.csv")
    chosen = [r for r in trigger if r["label"] == "canvas"][:20] + [r for r in trigger if r["label"] == "inline"][:20]
    chosen.append({**chosen[-1], "prompt": EXPLICIT_CANVAS, "label": "inline"})
    router = read_csv(REAL / "router" / "labels.csv")[:40]
    router.append({**router[0], "prompt": POLICY_REQUEST, "label": "comment"})
    copy_behaviour(tmp_path, "trigger", {"labels.csv": chosen})
    copy_behaviour(tmp_path, "router", {"labels.csv": router})
    policy = copy_behaviour(tmp_path, "policy", {"labels.csv": _policy_rows()})
    held_out = next(r for r in read_csv(policy / "labels.csv") if LabelRow.model_validate(r).held_out())
    (policy / "synthetic").mkdir()
    (policy / "synthetic" / "policy-teacher.jsonl").write_text(
        json.dumps({**held_out, "usable": True, "source": "teacher"}) + "\n", encoding="utf-8"
    )
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    return tmp_path


def _errors(name: str, rule: str) -> list[str]:
    return [f.message for f in lint(load_config(name)).errors if f.rule == rule]


def test_a_trigger_inline_row_that_explicitly_asks_for_the_canvas_is_an_error(planted):
    report = lint(load_config("trigger"))
    assert [(f.rule, f.message) for f in report.errors] == [("check", "explicit request for canvas labelled inline")]
    assert report.errors[0].where == ["labels.csv:42"]


def test_an_edit_request_the_router_sends_to_comment_is_an_error_for_both_behaviours(planted):
    assert _errors("router", "cross-behaviour") == [f"router labels an edit request comment: {POLICY_REQUEST!r}"]
    assert _errors("policy", "cross-behaviour") == _errors("router", "cross-behaviour")


def test_policy_rows_teaching_opposite_labels_for_one_request_and_unit_conflict(planted):
    assert _errors("policy", "conflict") == [
        "same request + unit labelled rewrite and targeted: 'tidy up the wording | paragraph'"
    ]


def test_a_teacher_row_copying_a_held_out_row_leaks_into_the_eval(planted):
    found = [f for f in lint(load_config("policy")).errors if f.rule == "split-overlap"]
    assert len(found) == 1 and "policy-teacher.jsonl:1" in found[0].where[1]


def test_near_duplicates_with_different_labels_are_only_a_warning(planted):
    rows = read_csv(planted / "trigger" / "labels.csv")
    rows += [
        {**rows[0], "prompt": "Write a haiku about autumn leaves in the rain", "label": "inline"},
        {**rows[0], "prompt": "Write a haiku about autumn leaves in the cold rain", "label": "canvas"},
    ]
    copy_behaviour(planted, "trigger", {"labels.csv": rows})
    report = lint(load_config("trigger"))
    pair = ["labels.csv:43", "labels.csv:44"]
    assert [f.rule for f in report.warnings if f.where == pair] in (["near-duplicate"], ["split-overlap"])
    assert not [f for f in report.errors if set(f.where) & set(pair)]


def test_the_lint_command_exits_1_on_errors_and_train_refuses_unless_allowed(planted):
    runner = CliRunner()
    linted = runner.invoke(cli, ["lint", "policy"])
    assert linted.exit_code == 1 and "error [conflict]" in linted.output
    refused = runner.invoke(cli, ["train", "policy"])
    assert refused.exit_code == 2 and "lint error(s) in policy's data; training refused" in refused.output
    assert not (planted / "policy" / "model.json").exists()
    allowed = runner.invoke(cli, ["train", "policy", "--allow-lint-errors"])
    assert allowed.exit_code == 0, allowed.output
    assert (planted / "policy" / "model.json").exists() and "Lint: 3 errors" in (
        planted / "policy" / "CARD.md"
    ).read_text()


@pytest.mark.parametrize(
    "name", ["router", "policy", "locate", "comment", pytest.param("trigger", marks=pytest.mark.slow)]
)
def test_the_committed_data_has_no_lint_errors(name):
    report = lint(load_config(name))
    assert report.errors == []
