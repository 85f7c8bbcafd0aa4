"""`canvas-tui labels ...`: each label-maintenance tool rewrites its data file from its sources, run here on a copy of
behaviours/ (CANVAS_TUI_BEHAVIOURS_DIR); on committed data it reproduces the committed files byte for byte."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.anchor.thresholds import load_thresholds
from canvas_tui.cli import cli
from canvas_tui.paths import behaviours_dir

COMMITTED = behaviours_dir()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """An empty behaviours folder in use; copy the behaviours a test needs into it with `copy_behaviour`."""
    folder = tmp_path / "behaviours"
    folder.mkdir()
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(folder))
    return folder


def copy_behaviour(data: Path, name: str) -> Path:
    shutil.copytree(COMMITTED / name, data / name)
    return data / name


def labels(*args: str):
    return CliRunner().invoke(cli, ["labels", *args])


def rewrite_rows(path: Path, change) -> None:
    """Apply `change(index, row)` to every row of a label CSV, keeping its columns and line endings."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for index, row in enumerate(rows):
        change(index, row)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


@pytest.mark.parametrize(
    "command, behaviour, spoilt, said",
    [
        ("locate-fill", "locate", {"start": "", "end": ""}, "filled 3 rows"),
        ("comment-fill", "comment", {"start": "0", "end": "0"}, "all offsets filled"),
    ],
)
def test_a_fill_computes_spoilt_offsets_back_to_the_committed_file(data, command, behaviour, spoilt, said):
    path = copy_behaviour(data, behaviour) / "labels.csv"
    committed = path.read_bytes()
    rewrite_rows(path, lambda i, row: row.update(spoilt) if i in (0, 5, 9) else None)
    result = labels(command)
    assert result.exit_code == 0, result.output
    assert said in result.output
    assert path.read_bytes() == committed


def test_locate_fill_stops_on_an_anchor_missing_from_its_document_and_changes_nothing(data):
    path = copy_behaviour(data, "locate") / "labels.csv"
    rewrite_rows(
        path,
        lambda i, row: (
            row.update(start="", end="", anchor="words in no document")
            if i == 2
            else row.update(start="", end="")
            if i == 0
            else None
        ),
    )
    before = path.read_bytes()
    result = labels("locate-fill", str(path))
    assert result.exit_code == 1
    assert "anchor not found: 'words in no document'" in result.output and "was not changed" in result.output
    assert path.read_bytes() == before


def test_comment_fill_lists_quotes_not_found_exits_1_and_fills_the_rest(data):
    path = copy_behaviour(data, "comment") / "labels.csv"
    rewrite_rows(
        path,
        lambda i, row: (
            row.update(quote="a quote in no document") if i == 3 else row.update(start="0", end="0") if i == 1 else None
        ),
    )
    result = labels("comment-fill")
    assert result.exit_code == 1
    assert "not found: " in result.output and "'a quote in no document'" in result.output
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (COMMITTED / "comment" / "labels.csv").open(encoding="utf-8", newline="") as handle:
        committed = list(csv.DictReader(handle))
    assert (rows[1]["start"], rows[1]["end"]) == (committed[1]["start"], committed[1]["end"])
    assert rows[3]["quote"] == "a quote in no document"


def test_anchor_snapshot_records_what_the_anchorer_answers_today(data):
    folder = copy_behaviour(data, "anchor")
    (folder / "snapshot.jsonl").unlink()
    result = labels("anchor-snapshot")
    assert result.exit_code == 0, result.output
    assert (folder / "snapshot.jsonl").read_bytes() == (COMMITTED / "anchor" / "snapshot.jsonl").read_bytes()


def test_anchor_calibrate_writes_the_thresholds_it_chose_on_the_dev_rows(data):
    folder = copy_behaviour(data, "anchor")
    dev = (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "dev.jsonl").write_text("\n".join(dev[:: len(dev) // 40]) + "\n", encoding="utf-8")
    (folder / "thresholds.json").unlink()
    result = labels("anchor-calibrate")
    assert result.exit_code == 0, result.output
    chosen = json.loads(result.output[: result.output.index("\n}") + 2])
    assert load_thresholds(folder / "thresholds.json").model_dump() == chosen["thresholds"]
    assert "(chosen)" in result.output


def test_anchor_perturb_regenerates_the_eval_set_deterministically_split_by_document(data, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("abstract_sleep.txt", "abstract_tokens_two.txt"):
        shutil.copy(COMMITTED / "anchor" / "documents" / name, corpus / name)
    (data / "locate" / "documents").mkdir(parents=True)
    shutil.copy(COMMITTED / "locate" / "documents" / "wiki_lighthouse.md", data / "locate" / "documents")
    (data / "anchor").mkdir()
    first = labels("anchor-perturb", "--corpus", str(corpus), "--per-kind", "2")
    assert first.exit_code == 0, first.output
    written = {split: (data / "anchor" / f"{split}.jsonl").read_bytes() for split in ("dev", "eval")}
    assert labels("anchor-perturb", "--corpus", str(corpus), "--per-kind", "2").exit_code == 0
    assert {split: (data / "anchor" / f"{split}.jsonl").read_bytes() for split in written} == written
    docs = {split: {json.loads(line)["doc"] for line in text.splitlines()} for split, text in written.items()}
    assert docs["dev"] and docs["eval"] and not docs["dev"] & docs["eval"]
    assert sorted(p.name for p in (data / "anchor" / "documents").iterdir()) == [
        "abstract_sleep.txt",
        "abstract_tokens_two.txt",
        "wiki_lighthouse.md",
    ]


def test_anchor_perturb_without_a_corpus_folder_is_a_usage_error(data, tmp_path):
    result = labels("anchor-perturb", "--corpus", str(tmp_path / "nowhere"))
    assert result.exit_code == 2


def test_edits_build_rebuilds_the_committed_cases_from_their_follow_ups(data, tmp_path):
    folder = copy_behaviour(data, "edits")
    committed = (folder / "cases.jsonl").read_bytes()
    cases = [json.loads(line) for line in committed.decode("utf-8").splitlines()]
    followups = tmp_path / "followups.jsonl"
    followups.write_text(
        "".join(
            json.dumps({"id": c["id"], "document": c["document"], "request": c["request"]}) + "\n"
            for c in cases
            if c["source"] == "followup"
        ),
        encoding="utf-8",
    )
    (folder / "cases.jsonl").unlink()
    result = labels("edits-build", str(followups))
    assert result.exit_code == 0, result.output
    assert (folder / "cases.jsonl").read_bytes() == committed


def test_edits_build_on_a_follow_up_file_that_is_not_json_lines_changes_nothing(data, tmp_path):
    folder = copy_behaviour(data, "edits")
    before = (folder / "cases.jsonl").read_bytes()
    followups = tmp_path / "followups.jsonl"
    followups.write_text("not json\n", encoding="utf-8")
    result = labels("edits-build", str(followups))
    assert result.exit_code == 1 and "was not changed" in result.output
    assert (folder / "cases.jsonl").read_bytes() == before
