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


MESSAGE_LINES = {
    "trigger": {"id": 1, "prompt": "{}"},
    "router": {"id": 1, "prompt": "{}", "document": "# Tea\n\nTea is good."},
    "locate": {"id": 1, "request": "{}", "document": "# Tea\n\nTea is good.", "selection": None},
    "policy": {"id": 1, "request": "{}", "target_text": "Tea is good.", "unit": "sentence"},
    "comment": {"id": 1, "request": "{}", "document": "# Tea\n\nTea is good."},
}
"""One input line per behaviour that reads a person's message, its message left to fill."""


@pytest.mark.parametrize("behaviour", sorted(MESSAGE_LINES))
@pytest.mark.parametrize("message", ["", "  \t "])
def test_an_empty_or_blank_message_is_a_malformed_line_in_every_behaviour(behaviour, message):
    line = {key: (message if value == "{}" else value) for key, value in MESSAGE_LINES[behaviour].items()}
    result = CliRunner().invoke(cli, ["predict", behaviour, "--no-progress"], input=json.dumps(line) + "\n")
    key = "prompt" if "prompt" in line else "request"
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "id": 1,
        "error": f"line 1: {key}: empty or only whitespace: there is nothing to decide",
    }


def test_a_router_line_without_a_document_is_malformed_and_an_empty_document_is_a_document():
    lines = [
        {"id": 1, "prompt": "Make it shorter"},
        {"id": 2, "prompt": "Add a section on green tea", "document": ""},
        {"id": 3, "prompt": "What is the capital of Peru?", "document": None},
    ]
    result = CliRunner().invoke(
        cli, ["predict", "router", "--no-progress"], input="".join(json.dumps(line) + "\n" for line in lines)
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1 and records[0] == {"id": 1, "error": "line 1: document: Field required"}
    assert "label" in records[1] and records[2]["label"] == "chat", "null: no document open, the trigger decides"
