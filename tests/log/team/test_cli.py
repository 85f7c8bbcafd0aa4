"""Reading the team's data from the command line: `log`, `export labels|finetune`, `stats` and `eval replay`
with --team, filtered by person, date, source and behaviour; plain errors when the store is missing or refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.log.store import DecisionLog
from tests.data.test_export_labels import behaviours_dir, session_on  # noqa: F401 - fixture and helper reused
from tests.data_support import DOC
from tests.log.team.support import write_records

DEMO = Path(__file__).resolve().parents[3] / "demos" / "editing.jsonl"


@pytest.fixture
def team(tmp_path, new_person, monkeypatch):
    """Alice (20 trigger decisions of her own turns) and Bob (10 from launch traffic) shipped; read as a reviewer."""
    alice, bob, reviewer = new_person(), new_person(), new_person(role="reviewer")
    for person, count, source in ((alice, 20, None), (bob, 10, "real-traffic:prompts")):
        log = DecisionLog(tmp_path / f"{person.name}.sqlite3", team_store=person.dsn)
        write_records(log, count, prefix=person.name, source=source)
        log.close()
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", reviewer.dsn)
    return alice, bob


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _people(output: str) -> list[str]:
    return [json.loads(line)["person"] for line in output.splitlines() if line.startswith("{")]


def test_log_team_shows_each_persons_decisions_and_filters_them(team):
    alice, bob = team
    everyone = run("log", "--team", "--json", "-n", "1000")
    assert everyone.exit_code == 0, everyone.output
    people = _people(everyone.output)
    assert people.count(alice.name) == 20 and people.count(bob.name) == 10
    assert set(_people(run("log", "--team", "--json", "--person", bob.name, "-n", "1000").output)) == {bob.name}
    launched = set(_people(run("log", "--team", "--json", "--source", "real-traffic:prompts", "-n", "1000").output))
    assert bob.name in launched and alice.name not in launched
    own_turns = set(_people(run("log", "--team", "--json", "--source", "app", "-n", "100000").output))
    assert alice.name in own_turns and bob.name not in own_turns
    assert run("log", "--team", "--json", "--until", "2000-01-01").output == ""
    assert run("log", "--team", "--json", "--person", alice.name, "--behaviour", "locate").output == ""
    table = run("log", "--team", "--person", alice.name)
    assert table.exit_code == 0 and "person" in table.output.splitlines()[2]


def test_stats_and_finetune_read_the_team_store_with_the_same_filters(team):
    alice, _ = team
    stats = json.loads(run("stats", "--team", "--json", "--person", alice.name).output)
    assert stats["decisions"] == 20 and stats["corrections"] == 2
    output = run("export", "finetune", "trigger", "--team", "--person", alice.name).output
    rows = [json.loads(line)["messages"] for line in output.splitlines() if line.startswith("{")]
    assert len(rows) == 20 and all(alice.name in messages[1]["content"] for messages in rows)
    assert [messages[2]["content"] for messages in rows].count(
        "inline"
    ) == 2  # the closed canvases: the person's answer


async def test_export_labels_redact_leaves_out_a_persons_document_text(
    tmp_path,
    new_person,
    settings,
    monkeypatch,
    behaviours_dir,  # noqa: F811 - the fixture imported above
):
    carol = new_person()
    log = DecisionLog(tmp_path / "carol.sqlite3", team_store=carol.dsn)
    session = session_on(
        log, settings, ["We ship on Tuesday."], trigger=["edit"], needle="We ship on Monday.", policy="targeted"
    )
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    session.undo()
    log.close()
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", carol.dsn)
    plain = run("export", "labels", "policy", "--team", "--person", carol.name)
    redacted = run("export", "labels", "policy", "--team", "--person", carol.name, "--redact")
    assert "We ship on Monday." in plain.output
    assert redacted.exit_code == 0 and "We ship on Monday." not in redacted.output and "[redacted" in redacted.output


def test_eval_replay_team_replays_the_recordings_people_shipped(tmp_path, new_person, monkeypatch):
    dave = new_person()
    log = DecisionLog(tmp_path / "dave.sqlite3", team_store=dave.dsn)
    mirror = log.recording_mirror("demo1")
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        mirror(line)
    log.close()
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", dave.dsn)
    from_team = run("eval", "replay", "--team", "--person", dave.name, "--json")
    shutil.copy(DEMO, tmp_path / DEMO.name)
    from_file = run("eval", "replay", str(tmp_path / DEMO.name), "--json")
    assert from_team.exit_code == from_file.exit_code
    [team_report], [file_report] = json.loads(from_team.output), json.loads(from_file.output)
    assert team_report["counts"] == file_report["counts"] and team_report["diffs"] == file_report["diffs"]


def test_a_row_someone_inserted_by_hand_is_skipped_and_reported(new_person, monkeypatch):
    gina = new_person()
    with psycopg.connect(gina.dsn) as connection:
        connection.execute(
            "INSERT INTO team_records (kind, id, session_id, time, body, seq, committed_at) "
            "VALUES ('decision', 'by-hand', 's', now(), '{\"not\": \"a record\"}', 1, now())"
        )
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", gina.dsn)
    result = run("log", "--team", "--json")
    assert result.exit_code == 0 and result.output.splitlines() == [
        "warning: 1 rows of the team store are not valid records and were skipped"
    ]


def test_team_filters_without_team_are_a_usage_error(tmp_path):
    result = run("log", "--person", "alice", "--log", str(tmp_path / "log.sqlite3"))
    assert result.exit_code == 2 and "add --team" in result.output


def test_team_without_a_configured_store_says_how_to_configure_one():
    result = run("stats", "--team")
    assert result.exit_code == 2 and "CANVAS_TUI_TEAM_STORE" in result.output


def test_a_refused_password_is_exit_3_and_the_password_is_not_shown(team_server, new_person, monkeypatch):
    erin = new_person()
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", team_server.dsn(erin.name, "wrong-password-123"))
    result = run("log", "--team")
    assert result.exit_code == 3 and "password authentication failed" in result.output
    assert "wrong-password-123" not in result.output


def test_the_team_commands_set_up_add_push_and_forget(tmp_path, team_server, monkeypatch):
    monkeypatch.setenv("CANVAS_TUI_TEAM_STORE", team_server.admin_dsn)
    assert "schema version 1" in run("team", "setup").output
    monkeypatch.setenv("CANVAS_TUI_NEW_PASSWORD", "frank-pw")
    assert run("team", "add-person", "frank_cli", "--role", "writer").exit_code == 0
    frank = team_server.dsn("frank_cli", "frank-pw")
    log = DecisionLog(tmp_path / "frank.sqlite3", team_store="postgresql://x:y@127.0.0.1:1/team")
    write_records(log, 5)
    log.close()
    pushed = run("team", "push", "--json", "--log", str(tmp_path / "frank.sqlite3"), "--team-store", frank)
    assert json.loads(pushed.output) == {"shipped": 6, "owed": 0, "problem": None}
    forgot = run("team", "forget", "frank_cli", "--yes")
    assert "deleted 6 records" in forgot.output
    assert team_server.password not in forgot.output + pushed.output
