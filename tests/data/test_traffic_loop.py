"""The rest of the launch loop: the drift report, the selection for labelling, and the import of labels."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.data.drift import Inputs, drift_report, markdown, side_by_side
from canvas_tui.data.label_import import import_labels
from canvas_tui.data.selection import Candidate, select, write_csv
from canvas_tui.data.traits import traits
from canvas_tui.log.records import DecisionRecord
from canvas_tui.log.store import DecisionLog

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


def _logged(path, rows: list[tuple[str, str, str, dict]], source: str = "real-traffic:followups") -> None:
    """A decision log holding (session id, turn id, behaviour, input) decisions from launch traffic."""
    log = DecisionLog(path)
    for session_id, turn_id, behaviour, inputs in rows:
        output = {"span": {"start": 0, "end": 4}, "unit": "paragraph"} if behaviour == "locate" else {"label": "canvas"}
        log.append_decision(
            DecisionRecord(
                session_id=session_id,
                turn_id=turn_id,
                behaviour=behaviour,
                implementation="rules",
                version="1",
                input=inputs,
                output=output,
                confidence=0.7,
                source=source,
            )
        )
    log.close()


def test_drift_counts_each_turns_input_once_not_the_parts_a_move_locates(tmp_path):
    log = tmp_path / "log.sqlite3"
    move = "Move the helper function above main."
    _logged(
        log,
        [
            ("launch-1:f1", "t1", "locate", {"request": move}),
            ("launch-1:f1", "t1", "locate", {"request": "the helper function"}),
            ("launch-1:f1", "t1", "locate", {"request": "main"}),
            ("launch-1:f2", "t2", "locate", {"request": "Shorten the intro"}),
        ],
    )
    arguments = ["traffic", "drift", "--behaviour", "locate", "--no-embeddings", "--json", "--log", str(log)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["traffic_rows"] == 2


def test_drift_with_no_launch_traffic_or_no_log_yet_says_so_and_exits_0(tmp_path, monkeypatch):
    log = tmp_path / "log.sqlite3"
    _logged(log, [("app-session", "t1", "trigger", {"message": "Write a poem"})], source=None)
    result = CliRunner().invoke(cli, ["traffic", "drift", "--no-embeddings", "--log", str(log)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "no decisions with source 'real-traffic' in the log: run `canvas-tui traffic launch FILE` first" in (
        result.stderr
    )
    monkeypatch.setenv("CANVAS_TUI_DATA_DIR", str(tmp_path / "fresh"))
    result = CliRunner().invoke(cli, ["traffic", "drift", "--no-embeddings"])
    assert result.exit_code == 0 and "no decisions logged yet" in result.stderr


def test_the_distance_in_meaning_uses_a_seeded_sample_of_the_labels_and_says_so():
    many = Inputs(texts=[f"{word} number {n}" for n in range(20) for word in ("Write", "What")])
    traffic = Inputs(texts=["Explain tea", "Write a poem"], classes=["inline", "canvas"], confidences=[0.9, 0.9])
    first, again = (drift_report("trigger", many, traffic, _embed_by_first_word, label_sample=6) for _ in range(2))
    assert first.far_label_rows == 6 and first.far_share == again.far_share == 0.5
    assert "; 6 labels, seeded) |" in markdown(first)
    whole = drift_report("trigger", many, traffic, _embed_by_first_word, label_sample=None)
    assert whole.far_label_rows == 40 and "seeded" not in markdown(whole)


def _launched_prompts(log, prompts: dict[str, str]) -> None:
    _logged(
        log,
        [(f"launch-1:{id_}", id_, "trigger", {"message": text}) for id_, text in prompts.items()],
        source="real-traffic:prompts",
    )


def _labels(folder, train: str, test: str):
    (folder / "trigger").mkdir(parents=True, exist_ok=True)
    (folder / "trigger" / "labels.csv").write_text("id,prompt,label\n" + train, encoding="utf-8")
    (folder / "trigger" / "real_test.csv").write_text("id,prompt,label\n" + test, encoding="utf-8")
    return folder


def test_select_with_every_input_labelled_says_where_they_are_writes_nothing_and_exits_0(tmp_path, monkeypatch):
    log, output = tmp_path / "log.sqlite3", tmp_path / "to_label.csv"
    _launched_prompts(log, {"p1": "Write a poem", "p2": "What is  TEA?", "p3": "Plan a trip"})
    labels = _labels(
        tmp_path / "behaviours", "p1,Write a poem,canvas\nh9,what is tea?,inline\n", "p3,Plan a trip,canvas\n"
    )
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(labels))
    arguments = ["traffic", "select", "trigger", "-o", str(output), "--log", str(log), "--no-embeddings"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0 and not output.exists()
    assert (
        "nothing to select, nothing written: all 3 trigger inputs launched with source 'real-traffic' are already "
        "labelled (2 in labels.csv, 1 in real_test.csv)" in result.stderr
    )


def test_select_short_of_n_says_how_many_were_left_and_why(tmp_path, monkeypatch):
    log, output = tmp_path / "log.sqlite3", tmp_path / "to_label.csv"
    _launched_prompts(log, {"p1": "Write a poem", "p2": "What is tea?", "p3": "Plan a trip"})
    monkeypatch.setenv(
        "CANVAS_TUI_BEHAVIOURS_DIR", str(_labels(tmp_path / "behaviours", "p1,Write a poem,canvas\n", ""))
    )
    arguments = ["traffic", "select", "trigger", "--n", "5", "-o", str(output), "--log", str(log), "--no-embeddings"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0 and len(list(csv.DictReader(output.open()))) == 2
    assert (
        "fewer than the 5 asked for: only 2 of the 3 trigger inputs launched with source 'real-traffic' are not "
        "labelled yet (1 in labels.csv already)" in result.stdout
    )


@pytest.mark.parametrize("command", ["select", "audit"])
def test_a_count_below_one_is_a_usage_error(tmp_path, command):
    result = CliRunner().invoke(cli, ["traffic", command, "router", "--n", "0", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2 and "0 is not in the range x>=1" in result.output


def test_a_second_drift_run_reads_every_vector_from_the_data_folder_and_reports_the_same(tmp_path, monkeypatch):
    log = tmp_path / "log.sqlite3"
    _logged(log, [("launch-1:f1", "t1", "locate", {"request": "Shorten the intro"})])
    monkeypatch.setenv("CANVAS_TUI_DATA_DIR", str(tmp_path / "data"))
    encoded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        encoded.extend(texts)
        vectors = np.array([[len(text) % 7 + 1.0, text.count("e") + 1.0] for text in texts], np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr("canvas_tui.cli.traffic_cmds._embedder", lambda: embed)
    arguments = ["traffic", "drift", "--behaviour", "locate", "--label-sample", "50", "--log", str(log)]
    first = CliRunner().invoke(cli, arguments)
    assert first.exit_code == 0 and "; 50 labels, seeded) |" in first.stdout
    assert "against 50 label rows at most (a seeded sample; --label-sample 0 for all); 0 vectors read" in first.stderr
    assert f", {len(encoded)} encoded" in first.stderr and len(encoded) == 51
    again = CliRunner().invoke(cli, arguments)
    assert again.stdout == first.stdout and len(encoded) == 51 and "51 vectors read from" in again.stderr


def test_the_side_by_side_table_puts_each_behaviours_headline_figures_in_one_column():
    traffic = Inputs(texts=["Explain tea", "Write a poem"], classes=["inline", "canvas"], confidences=[0.5, 0.9])
    reports = [
        drift_report("trigger", LABELS, traffic, _embed_by_first_word),
        drift_report("router", LABELS, traffic),
    ]
    table = side_by_side(reports).splitlines()
    assert table[0] == "| figure | trigger: labels / traffic | router: labels / traffic |"
    assert table[2] == "| inputs | 4 / 2 | 4 / 2 |"
    assert "| far in meaning from every label (5% of labels are) | 50.0% | not measured |" in table
    assert table[-1] == "| decided with confidence under 0.6 | 50.0% | 50.0% |"
