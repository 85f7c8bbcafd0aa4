"""Trigger and router labels: lint clean, balanced as specified, a fixed held-out split, fresh artifacts."""

from __future__ import annotations

import json

import pytest

from canvas_tui.behaviours.trigger.data import LabelRow, data_hash, lint, read_labels, read_synthetic, split
from canvas_tui.behaviours.trigger.model import ROUTER, TRIGGER, Task
from canvas_tui.behaviours.trigger.workflow import datasets


@pytest.mark.parametrize("task", [TRIGGER, ROUTER], ids=lambda t: t.name)
def test_committed_labels_lint_clean_and_use_every_label(task: Task):
    rows = read_labels(task.folder / task.labels_file)
    assert lint(rows, task.classes) == []
    assert {row.label for row in rows} == set(task.classes)
    assert all(row.category for row in rows)


def test_trigger_labels_are_several_hundred_with_a_quarter_to_a_third_canvas():
    rows = read_labels(TRIGGER.folder / TRIGGER.labels_file)
    share = sum(row.label == "canvas" for row in rows) / len(rows)
    assert len(rows) >= 800 and 0.25 <= share <= 0.40


def test_router_labels_name_the_open_document():
    rows = read_labels(ROUTER.folder / ROUTER.labels_file)
    assert len(rows) >= 250 and all(row.context.strip() for row in rows)


def test_lint_reports_unknown_labels_empty_prompts_and_conflicting_duplicates():
    rows = [
        LabelRow(prompt="Write an essay.", label="canvas"),
        LabelRow(prompt="write an  essay.", label="inline"),
        LabelRow(prompt=" ", label="inline"),
        LabelRow(prompt="Hi", label="maybe"),
    ]
    problems = lint(rows, ("canvas", "inline"))
    assert any("conflicting" in p for p in problems) and any("empty" in p for p in problems)
    assert any("unknown label 'maybe'" in p for p in problems)


def test_held_out_split_is_disjoint_stratified_and_independent_of_row_order():
    rows = read_labels(TRIGGER.folder / TRIGGER.labels_file)
    train, test = split(rows)
    assert {r.prompt for r in train}.isdisjoint({r.prompt for r in test})
    for label in TRIGGER.classes:
        share = sum(r.label == label for r in test) / sum(r.label == label for r in rows)
        assert 0.17 < share < 0.23
    assert {r.prompt for r in split(list(reversed(rows)))[1]} == {r.prompt for r in test}


@pytest.mark.parametrize("task", [TRIGGER, ROUTER], ids=lambda t: t.name)
def test_committed_artifact_was_trained_on_the_current_training_data(task: Task):
    train, _, _ = datasets(task)
    metadata = json.loads(task.artifact.read_text(encoding="utf-8"))["training"]
    assert metadata["data_hash"] == data_hash(train), f"labels changed: run `canvas-tui train {task.name}`"
    assert task.artifact.stat().st_size < 5_000_000


def test_only_usable_synthetic_rows_of_the_task_join_training(tmp_path):
    (tmp_path / "trigger-teacher.jsonl").write_text(
        json.dumps({"prompt": "Write a novella.", "label": "canvas", "usable": True})
        + "\n"
        + json.dumps({"prompt": "Write a tweet.", "label": "canvas", "usable": False})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "router-teacher.csv").write_text("prompt,label,usable\nShorten it.,edit,yes\n", encoding="utf-8")
    assert [row.prompt for row in read_synthetic(tmp_path, "trigger")] == ["Write a novella."]
    assert [row.source for row in read_synthetic(tmp_path, "router")] == ["synthetic/router-teacher.csv"]
