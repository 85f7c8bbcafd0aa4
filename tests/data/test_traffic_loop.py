"""The rest of the launch loop: the drift report, the selection for labelling, and the import of labels."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from canvas_tui.data.drift import Inputs, drift_report, markdown
from canvas_tui.data.label_import import import_labels
from canvas_tui.data.selection import Candidate, select, write_csv
from canvas_tui.data.traits import traits

LABELS = Inputs(
    texts=["Write an essay on tea", "What is tea?", "Write a poem about rain", "What is rain?"],
    classes=["canvas", "inline", "canvas", "inline"],
)
FIRST_WORDS = ["write", "what", "who", "act", "explain", "plan", "draft"]


def _embed_by_first_word(texts: list[str]) -> np.ndarray:
    """A fake embedding: texts sharing their first word are identical, others orthogonal."""
    vectors = np.zeros((len(texts), len(FIRST_WORDS)), np.float32)
    for row, text in enumerate(texts):
        vectors[row, FIRST_WORDS.index(text.split()[0].lower())] = 1.0
    return vectors


def test_traits_see_persona_pasted_code_questions_and_other_languages():
    assert traits("As an experienced marketer, write a blog post about shoes").persona
    assert traits("fix this:\n\n```js\nlet a = 1;\nlet b = 2;\n```").code
    assert traits("How do I center a div?").question
    assert traits("Escribe un ensayo sobre la historia de España y sus reyes").non_english
    assert not traits("Write an essay on tea").non_english


def test_drift_compares_traits_classes_confidence_and_the_share_far_from_every_label():
    traffic = Inputs(
        texts=["Act as a pirate and chat", "Write a story about a dragon", "Explain how DNS works?"],
        classes=["inline", "canvas", "inline"],
        confidences=[0.55, 0.95, 0.85],
    )
    report = drift_report("trigger", LABELS, traffic, _embed_by_first_word)
    shares = {row.name: row for row in report.traits}
    assert shares["share persona"].traffic == pytest.approx(1 / 3) and shares["share persona"].labels == 0
    assert report.classes["canvas"] == (0.5, pytest.approx(1 / 3))
    assert report.confidence["0.0-0.6"] == pytest.approx(1 / 3)
    assert report.far_share == pytest.approx(2 / 3)
    assert "| share persona | 0.0% | 33.3% |" in markdown(report)


def _pool() -> list[Candidate]:
    return [
        Candidate(id=f"p{i}", message=f"{word} something {i}", document=None, label=label, confidence=conf)
        for i, (word, label, conf) in enumerate(
            [
                ("Write", "canvas", 0.51),
                ("What", "inline", 0.99),
                ("Who", "inline", 0.98),
                ("Write", "canvas", 0.97),
                ("Plan", "inline", 0.96),
                ("Draft", "canvas", 0.95),
            ]
        )
    ]


def test_selection_takes_the_uncertain_the_disputed_and_then_one_per_cluster():
    pool = _pool()
    disputed = {"p3"}
    chosen = select(
        pool,
        3,
        second_opinion=lambda items: [("inline" if i.id in disputed else i.label) for i in items],
        embed=_embed_by_first_word,
    )
    assert [(c.id, c.reason) for c in chosen] == [
        ("p0", "uncertain"),
        ("p3", "disagreement"),
        (chosen[2].id, "diverse"),
    ]
    assert chosen[2].id not in {"p0", "p3"}


def test_a_selection_is_labelled_in_a_spreadsheet_and_imported_once_never_into_both_splits(tmp_path):
    pool = _pool()
    sheet = write_csv(
        select(pool, 4, second_opinion=lambda items: [i.label for i in items], embed=None),
        tmp_path / "to_label.csv",
        source="real-traffic",
    )
    rows = list(csv.DictReader(sheet.open()))
    assert all(row["label"] == "" for row in rows) and rows[0]["reason"] == "uncertain"
    rows[0]["label"], rows[1]["label"], rows[2]["label"] = "canvas", "inline", "maybe"
    with sheet.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    train, test = tmp_path / "labels.csv", tmp_path / "real_test.csv"
    train.write_text("prompt,label,context,category,note,source\nWrite an essay on tea,canvas,,writing,,\n")
    first = import_labels(sheet, test, ("canvas", "inline"), known=[train])
    assert first.added == 2 and first.skipped == {"unknown label 'maybe'": 1, "no label": 1}
    again = import_labels(sheet, train, ("canvas", "inline"), known=[test])
    assert again.added == 0 and again.skipped["already labelled"] == 2
    assert {row["source"] for row in csv.DictReader(test.open())} == {"real-traffic"}
