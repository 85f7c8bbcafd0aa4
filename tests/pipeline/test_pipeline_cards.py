"""`train` writes CARD.md: rows by source, the training data hash, every implementation's eval figures."""

from __future__ import annotations

import re

from canvas_tui.pipeline.cards import eval_lines, eval_table
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.contracts import TrainRequest
from canvas_tui.pipeline.dataset import data_hash, load_dataset
from canvas_tui.pipeline.synth import SynthOptions, synthesize
from canvas_tui.pipeline.training import train_behaviour
from tests.pipeline_support import REAL, copy_behaviour, copy_documents, edit_teacher, read_csv

TEACHER_ROWS = [
    {
        "request": "make this whole document read like a bedtime story",
        "unit": "document",
        "label": "rewrite",
        "category": "style",
    },
    {
        "request": "put a comma after the opening clause of this sentence",
        "unit": "sentence",
        "label": "targeted",
        "category": "punctuation",
    },
    {
        "request": "rework this paragraph for an audience of engineers",
        "unit": "paragraph",
        "label": "rewrite",
        "category": "audience",
    },
]


async def test_the_card_counts_rows_by_source_and_matches_what_the_behaviour_trained_on(tmp_path, monkeypatch):
    real = read_csv(REAL / "policy" / "labels.csv")
    rows = [r for r in real if r["label"] == "targeted"][:40] + [r for r in real if r["label"] == "rewrite"][:40]
    rows = [{**row, "source": "real-use" if i < 4 else ""} for i, row in enumerate(rows)]
    copy_behaviour(tmp_path, "policy", {"labels.csv": rows})
    copy_documents(tmp_path)
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    config = load_config("policy")
    await synthesize(config, edit_teacher(TEACHER_ROWS), SynthOptions(n=3, seed=2))

    trained = train_behaviour("policy", TrainRequest())
    card = trained.card.read_text(encoding="utf-8")
    dataset = load_dataset(config)
    counts = dataset.counts(dataset.training())
    assert counts["teacher"] == 3 and counts["real-use"] == sum(not r.held_out for r in dataset.rows[:4])
    assert trained.train.figures["n_train"] == sum(counts.values())
    for source, n in counts.items():
        assert f"| {source} | {n} |" in card
    assert f"`{data_hash(config, dataset.training())}`" in card
    accuracy = {
        name: figures["accuracy"]
        for name, figures in trained.eval.figures.items()
        if isinstance(figures, dict) and "accuracy" in figures
    }
    for name, value in accuracy.items():
        assert re.search(rf"^\| {name} \| {value:.4g} \|", card, re.M)
    assert set(accuracy) == {"rules", "trained"}


def test_each_split_of_an_eval_shows_every_implementation_s_figures_on_that_split():
    on_split = {"trained": {"accuracy": 0.99, "canvas_recall": 0.98}, "keyword": {"accuracy": 0.89}, "rows": 350}
    figures = {"trained": {"accuracy": 0.97}, "test_rows": 278, "notes": "n/a", "splits": {"blind": on_split}}
    table = eval_table(figures)
    assert table["splits/blind/trained"] == on_split["trained"]
    assert table["splits/blind/keyword"] == on_split["keyword"]
    assert table["splits/blind"] == {"rows": 350} and table["trained"] == {"accuracy": 0.97}
    header, _, *rows = eval_lines(table)
    columns = [cell.strip() for cell in header.split("|")[2:-1]]
    cells = {
        row.split("|")[1].strip(): dict(zip(columns, (cell.strip() for cell in row.split("|")[2:-1]))) for row in rows
    }
    assert (
        cells["splits/blind/trained"]["accuracy"] == "0.99" and cells["splits/blind/trained"]["canvas_recall"] == "0.98"
    )
