"""Folders given to commands are checked before any work starts. One a command writes into (--report-dir) that
cannot be made or written is a usage error in plain words (exit 2), not a traceback after a long run, and a missing
one is made; one it reads (synth --documents) must exist."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli, pipeline_cmds, pipeline_extra_cmds

COMMANDS = [["eval", "anchor"], ["iterate", "policy"], ["eval", "edits", "--backend", "replay"]]


@pytest.fixture
def work_fails_the_test(monkeypatch):
    """Each command's work, if it starts, fails the test: the folder must be settled before it."""

    def started(*args, **kwargs):
        raise AssertionError("the work started")

    monkeypatch.setattr(pipeline_cmds, "_entry", started)
    monkeypatch.setattr("canvas_tui.pipeline.iterate.iterate", started)
    monkeypatch.setattr("canvas_tui.edit_eval.cases.load_cases", started)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_report_dir_under_a_file_is_a_usage_error_before_any_work(command, tmp_path, work_fails_the_test):
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(cli, [*command, "--report-dir", str(tmp_path / "a-file" / "reports")])
    assert result.exit_code == 2, result.output
    assert "cannot write into" in result.output and "Not a directory" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_report_dir_that_is_a_file_is_a_usage_error_before_any_work(command, tmp_path, work_fails_the_test):
    (tmp_path / "reports").write_text("")
    result = CliRunner().invoke(cli, [*command, "--report-dir", str(tmp_path / "reports")])
    assert result.exit_code == 2 and "is a file" in result.output


def test_a_missing_report_dir_is_made_before_the_eval_starts(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "reports"
    made: list[bool] = []

    def entry(name, attribute):
        made.append(folder.is_dir())
        raise AssertionError("stop here")

    monkeypatch.setattr(pipeline_cmds, "_entry", entry)
    CliRunner().invoke(cli, ["eval", "anchor", "--report-dir", str(folder)])
    assert made == [True]


def test_a_documents_folder_that_does_not_exist_is_a_usage_error_before_the_teacher_is_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_extra_cmds, "_client", lambda *args: pytest.fail("the teacher was started"))
    result = CliRunner().invoke(
        cli, ["synth", "policy", "--teacher", "local", "--documents", str(tmp_path / "no-such-folder")]
    )
    assert result.exit_code == 2 and "does not exist" in result.output
