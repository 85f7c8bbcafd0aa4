"""`canvas-tui predict`: its help says what it promises, and its output is checked before any prediction."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.pipeline.registry import names


def test_the_usage_line_shows_the_behaviour_as_required():
    usage = CliRunner().invoke(cli, ["predict", "--help"]).output.splitlines()[0]
    assert "{anchor|" in usage and "[anchor|" not in usage


def test_the_help_says_blank_lines_are_skipped_and_outputs_carry_ids():
    text = " ".join(CliRunner().invoke(cli, ["predict", "--help"]).output.split())
    assert "blank input lines are skipped" in text.lower() and "carries its input's id" in text


@pytest.mark.parametrize("behaviour", names())
def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_prediction(behaviour, tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": 1}\n')
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(
        cli,
        ["predict", behaviour, "--input", str(tmp_path / "in.jsonl"), "--output", str(tmp_path / "a-file" / "o.jsonl")],
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_an_outputs_missing_folders_are_created(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": 1, "document": "Tea is good.", "quote": "good"}\n')
    out = tmp_path / "new" / "folder" / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["predict", "anchor", "--input", str(tmp_path / "in.jsonl"), "--output", str(out), "--no-progress"]
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text()) == {"id": 1, "start": 7, "end": 11, "score": 1.0}


def test_without_an_output_the_predictions_go_to_stdout():
    lines = '{"id": 1, "document": "Tea is good.", "quote": "good"}\n'
    result = CliRunner().invoke(cli, ["predict", "anchor", "--no-progress"], input=lines)
    assert result.exit_code == 0 and json.loads(result.stdout)["start"] == 7
