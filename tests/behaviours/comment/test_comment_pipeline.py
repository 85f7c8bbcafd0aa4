"""`canvas-tui predict/eval/train comment`: spans that index the document, the figures the card reads,
and training that takes in accepted teacher rows."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from canvas_tui.behaviours.comment.pipeline import BEHAVIOUR, evaluate, train
from canvas_tui.pipeline.batch import run_batch
from canvas_tui.pipeline.contracts import EvalRequest, TrainRequest
from tests.pipeline_support import REAL, copy_behaviour, read_csv

DOC = "# Note\n\nWe will definately ship on time. Studies show 90% of users agree.\n"


def test_each_predicted_comment_gives_the_exact_span_of_its_quote():
    lines = [
        json.dumps({"id": 1, "document": DOC, "request": "critique this"}),
        json.dumps({"id": 2, "document": DOC, "request": "proofread", "max_comments": 1}),
    ]
    sink = io.StringIO()
    report = run_batch(BEHAVIOUR.predictor(), io.StringIO("\n".join(lines)), sink, progress=False)
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert report.predicted == 2 and [r["id"] for r in records] == [1, 2]
    assert all(DOC[c["start"] : c["end"]] == c["quote"] for r in records for c in r["comments"])
    assert len(records[1]["comments"]) <= 1 and records[1]["kind"] == "proofread"


def test_the_offline_eval_reports_placement_figures_per_implementation(tmp_path):
    result = evaluate(EvalRequest(report_dir=tmp_path, show_progress=False))
    assert set(result.figures) == {"scorer", "rules"}
    assert 0.0 <= result.figures["scorer"]["f1"] <= 1.0 and result.figures["scorer"]["anchor_rate"] == 1.0
    assert (tmp_path / "comment_eval.md").read_text(encoding="utf-8").startswith("# comment placement eval")


TRAINING_DOCS = ("memo_launch.md", "essay_four_day_week.md", "blog_coffee.md", "essay_remote_work.md", "news_flood.txt")
TEACHER_DOC = (
    "# Field notes\n\nThe garden grew well this year. Experts agree that 87% of gardeners water too often.\n"
    "We will plant beans again in spring.\n"
)
TEACHER_QUOTE = "Experts agree that 87% of gardeners water too often."


def _comment_behaviour(root: Path) -> Path:
    """A behaviours dir whose comment labels cover a few training documents and one held-out document."""
    rows = [row for row in read_csv(REAL / "comment" / "labels.csv") if row["doc"] in (*TRAINING_DOCS, "wiki_tea.md")]
    folder = copy_behaviour(root, "comment", {"labels.csv": rows})
    for file in ("split.json", "lexicon.json"):
        shutil.copy(REAL / "comment" / file, folder / file)
    shutil.copytree(REAL / "comment" / "documents", folder / "documents")
    return folder


def _teacher_row(doc: str, document: Path, quote: str, start: int) -> dict:
    return {
        "doc": doc,
        "request": "critique this",
        "kind": "critique",
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "category": "unsupported_stat",
        "comment": "Cite the source of the figure.",
        "suggestion": "",
        "usable": True,
        "source": "teacher",
        "provenance": {"document": str(document)},
    }


def test_training_adds_usable_teacher_rows_but_none_on_held_out_or_missing_documents(tmp_path, monkeypatch):
    folder = _comment_behaviour(tmp_path / "behaviours")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    without = train(TrainRequest()).figures

    note = tmp_path / "corpus" / "field_notes.md"
    note.parent.mkdir()
    note.write_text(TEACHER_DOC, encoding="utf-8")
    tea = (folder / "documents" / "wiki_tea.md").read_text(encoding="utf-8")
    held_quote = tea.split("\n\n")[1].split(". ")[0]
    rows = [
        _teacher_row("field_notes.md", note, TEACHER_QUOTE, TEACHER_DOC.index(TEACHER_QUOTE)),
        _teacher_row("wiki_tea.md", folder / "documents" / "wiki_tea.md", held_quote, tea.index(held_quote)),
        _teacher_row("gone.md", tmp_path / "corpus" / "gone.md", TEACHER_QUOTE, 0),
    ]
    (folder / "synthetic").mkdir()
    (folder / "synthetic" / "comment-run.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    with_teacher = train(TrainRequest()).figures

    assert with_teacher["n_teacher_rows"] == 1 and with_teacher["teacher_rows_without_document"] == 1
    assert with_teacher["n_train_rows"] == without["n_train_rows"] + 1
    assert with_teacher["version"] != without["version"]


def test_the_eval_says_each_step_it_starts_for_a_progress_display(tmp_path):
    steps: list[str] = []
    evaluate(EvalRequest(implementations=["rules"], report_dir=tmp_path, show_progress=False, on_step=steps.append))
    assert steps == ["rules on the held-out documents"]
