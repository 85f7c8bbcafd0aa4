"""`canvas-tui log` and the other read commands: they read a log and never create one; their options are checked; the
decision a turn went on with is recognisable."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.log.records import DecisionRecord
from canvas_tui.log.store import DecisionLog
from tests.data_support import heading_renamed_by_name


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def decide(log: DecisionLog, behaviour: str, output: dict, time: datetime) -> None:
    log.append_decision(
        DecisionRecord(
            session_id="s", behaviour=behaviour, implementation="x", version="1", input={}, output=output, time=time
        )
    )


@pytest.fixture
def logged(tmp_path):
    """A log with a comment decision that placed two comments (December 1) and a trigger decision (December 5)."""
    path = tmp_path / "log.sqlite3"
    log = DecisionLog(path)
    comments = [{"quote": "a", "comment": "b"}, {"quote": "c", "comment": "d"}]
    decide(log, "comment", {"comments": comments}, datetime(2026, 12, 1, tzinfo=UTC))
    decide(log, "trigger", {"label": "canvas"}, datetime(2026, 12, 5, tzinfo=UTC))
    log.close()
    return path


def test_a_comment_decision_shows_how_many_comments_it_placed(logged):
    result = run("log", "--log", str(logged), "--behaviour", "comment")
    assert result.exit_code == 0 and "2 comments" in result.output


def test_since_keeps_what_was_logged_from_that_date(logged):
    result = run("log", "--log", str(logged), "--json", "--since", "2026-12-02")
    assert result.exit_code == 0
    assert [json.loads(line)["behaviour"] for line in result.output.splitlines()] == ["trigger"]


@pytest.mark.parametrize(
    "command", [["log"], ["stats"], ["export", "labels", "trigger"], ["export", "finetune", "trigger"]]
)
def test_a_log_path_that_does_not_exist_is_an_error_and_is_not_created(command, tmp_path):
    missing = tmp_path / "none.db"
    result = run(*command, "--log", str(missing))
    assert result.exit_code == 2 and f"no decision log at {missing}" in result.output
    assert not missing.exists()


def test_the_default_log_not_existing_yet_means_nothing_was_logged(tmp_path):
    result = run("log")
    assert result.exit_code == 0 and "no decisions logged yet" in result.output
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("arguments", [["--behaviour", "foo"], ["-n", "-3"]])
def test_a_wrong_behaviour_or_count_is_a_usage_error(arguments, logged):
    result = run("log", "--log", str(logged), *arguments)
    assert result.exit_code == 2 and "Invalid value" in result.output


async def test_a_locator_part_that_a_named_place_overrode_is_shown_as_not_used(settings, decision_log):
    await heading_renamed_by_name(settings, decision_log)
    result = CliRunner().invoke(
        cli, ["log", "--behaviour", "locate", "--log", str(settings.log_path)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    [overridden] = [line for line in result.output.splitlines() if "overridden, not used" in line]
    assert "named-place" not in overridden
    assert sum("named-place" in line for line in result.output.splitlines()) == 1
