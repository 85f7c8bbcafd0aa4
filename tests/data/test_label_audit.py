"""Training labels a model disputes go back to more labellers, blind, and are settled by majority."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from canvas_tui.cli import cli

TOPICS = (
    "tides", "volcanoes", "bees", "glaciers", "comets", "tea", "rivers", "owls", "deserts", "coral",
    "storms", "maples", "salmon", "caves", "moss", "wolves", "clouds", "ferns", "otters", "dunes",
)  # fmt: skip


def _labels(folder):
    rows = [(f"Write an essay about {topic}.", "canvas", f"p{n}") for n, topic in enumerate(TOPICS)]
    rows += [(f"What is a fact about {topic}?", "inline", f"q{n}") for n, topic in enumerate(TOPICS)]
    rows += [("Write an essay about lighthouses.", "inline", "mistake")]
    target = folder / "trigger" / "labels.csv"
    target.parent.mkdir(parents=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["prompt", "label", "context", "category", "note", "source", "id"])
        writer.writerows([prompt, label, "", "", "", "real-traffic", row_id] for prompt, label, row_id in rows)
    return target


def _read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_row_the_model_disputes_most_is_exported_blind_and_two_labellers_overturn_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    labels = _labels(tmp_path / "behaviours")
    exported = tmp_path / "audit.csv"

    result = CliRunner().invoke(cli, ["traffic", "audit", "trigger", "--n", "5", "-o", str(exported)])

    assert result.exit_code == 0, result.output
    first = _read(exported)[0]
    assert first["id"] == "mistake" and first["prompt"] == "Write an essay about lighthouses."
    assert first["label"] == first["model_label"] == first["model_confidence"] == ""
    for name in ("second.csv", "third.csv"):
        (tmp_path / name).write_text("id,label\nmistake,canvas\n")
    voted = CliRunner().invoke(
        cli, ["traffic", "vote", "trigger", str(tmp_path / "second.csv"), str(tmp_path / "third.csv")]
    )
    assert voted.exit_code == 0, voted.output
    assert {row["id"]: row["label"] for row in _read(labels)}["mistake"] == "canvas"
