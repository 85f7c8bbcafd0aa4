"""More labellers settle contested rows: the majority label wins, a tie keeps the label, the tally is kept."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.data.label_votes import apply_votes, majority

CLASSES = ("canvas", "inline")
HEADER = "prompt,label,context,category,note,source,id\r\n"
ROWS = (
    "Write a toast for my sister,inline,,,labeller unsure,real-traffic,p1\r\n"
    "What is tea?,inline,,,,real-traffic,p2\r\n"
    "Draft a memo,canvas,,,,real-traffic,p3\r\n"
)


def _labels(tmp_path):
    target = tmp_path / "labels.csv"
    target.write_bytes((HEADER + ROWS).encode())
    return target


def _votes(tmp_path, name, answers: dict[str, str]):
    path = tmp_path / name
    path.write_text("id,label\n" + "".join(f"{row_id},{label}\n" for row_id, label in answers.items()))
    return path


def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_the_label_most_labellers_chose_wins_and_a_tie_keeps_the_current_one():
    assert majority("inline", ["canvas", "canvas"]) == "canvas"
    assert majority("inline", ["canvas", "inline"]) == "inline"
    assert majority("inline", ["canvas"]) == "inline"


def test_two_more_labellers_overturn_an_unsure_label_and_the_tally_is_written_in_the_note(tmp_path):
    target = _labels(tmp_path)
    second = _votes(tmp_path, "second.csv", {"p1": "canvas", "p2": "inline"})
    third = tmp_path / "third.jsonl"
    third.write_text(json.dumps({"id": "p1", "label": "canvas"}) + "\n" + json.dumps({"id": "p2", "label": "canvas"}))

    result = apply_votes(target, [second, third], CLASSES)

    rows = _rows(target)
    assert (result.changed, result.confirmed) == (1, 1)
    assert rows["p1"]["label"] == "canvas" and rows["p1"]["note"] == "labeller unsure | votes: canvas 2, inline 1"
    assert rows["p2"]["label"] == "inline" and rows["p2"]["note"] == "votes: inline 2, canvas 1"
    assert rows["p3"] == {**rows["p3"], "label": "canvas", "note": ""}
    assert target.read_bytes().count(b"\r\n") == 4


def test_votes_for_unknown_rows_or_labels_are_counted_as_skipped_not_applied(tmp_path):
    target = _labels(tmp_path)
    votes = _votes(tmp_path, "votes.csv", {"p9": "canvas", "p2": "maybe"})

    result = apply_votes(target, [votes], CLASSES)

    assert result.skipped == {"unknown label 'maybe'": 1, "id not in the labels": 1}
    assert result.changed == result.confirmed == 0
    assert target.read_bytes() == (HEADER + ROWS).encode()


def test_the_vote_command_reports_what_changed_and_exits_2_when_nothing_applied(tmp_path, monkeypatch):
    folder = tmp_path / "behaviours"
    (folder / "trigger").mkdir(parents=True)
    (folder / "trigger" / "labels.csv").write_bytes((HEADER + ROWS).encode())
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(folder))
    votes = _votes(tmp_path, "votes.csv", {"p1": "canvas"})
    stray = _votes(tmp_path, "stray.csv", {"p9": "canvas"})

    applied = CliRunner().invoke(cli, ["traffic", "vote", "trigger", str(votes), "--json"])
    nothing = CliRunner().invoke(cli, ["traffic", "vote", "trigger", str(stray)])

    assert applied.exit_code == 0 and json.loads(applied.output)["confirmed"] == 1
    assert nothing.exit_code == 2 and "id not in the labels 1" in nothing.output
