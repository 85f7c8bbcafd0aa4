"""Shipping the local log to the team store: at least once, in order, idempotent, resumed after an outage;
and the local log stays the write path (a turn never waits on the network)."""

from __future__ import annotations

import sqlite3

from canvas_tui.log.recording import HeaderEntry, RecordingWriter, VersionEntry
from canvas_tui.log.records import DecisionRecord
from canvas_tui.log.store import DecisionLog
from canvas_tui.log.team.reader import TeamLog
from canvas_tui.log.team.shipper import Shipper
from tests.log.team.support import REFUSING, local_ids, owed, server_rows, silent_server, write_records


def test_every_committed_record_arrives_once_and_in_commit_order(tmp_path, team_server, new_person):
    alice = new_person()
    log = DecisionLog(tmp_path / "log.sqlite3", team_store=alice.dsn)
    write_records(log, 1200)
    log.close()
    rows = server_rows(team_server.admin_dsn, alice.name)
    assert sorted(id for _, id, _ in rows) == sorted(local_ids(tmp_path / "log.sqlite3"))
    assert [seq for _, _, seq in rows] == sorted(seq for _, _, seq in rows)
    assert owed(tmp_path / "log.sqlite3") == 0


def test_a_batch_shipped_again_after_a_crash_is_counted_once(tmp_path, team_server, new_person):
    alice, path = new_person(), tmp_path / "log.sqlite3"
    log = DecisionLog(path, team_store=REFUSING)
    write_records(log, 50)
    log.close()
    with sqlite3.connect(path) as connection:
        copy = connection.execute("SELECT * FROM outbox").fetchall()
    assert Shipper(path, alice.dsn).drain() == 0
    before = server_rows(team_server.admin_dsn, alice.name)
    with sqlite3.connect(path) as connection:
        connection.executemany(f"INSERT INTO outbox VALUES ({', '.join('?' * len(copy[0]))})", copy)
    assert Shipper(path, alice.dsn).drain() == 0
    assert server_rows(team_server.admin_dsn, alice.name) == before
    assert len(before) == 55


def test_records_wait_locally_while_the_store_hangs_and_ship_when_it_answers(tmp_path, team_server, new_person):
    alice, path = new_person(), tmp_path / "log.sqlite3"
    with silent_server() as hanging:
        log = DecisionLog(path, team_store=hanging)
        ids = write_records(log, 30)
        assert log.healthy and owed(path) == len(ids)
        assert log.shipper.status.shipped == 0
        log.close()
    assert owed(path) == len(ids)
    resumed = DecisionLog(path, team_store=alice.dsn)
    resumed.close()
    assert sorted(id for _, id, _ in server_rows(team_server.admin_dsn, alice.name)) == sorted(ids)


def test_a_log_without_a_team_store_keeps_no_outbox(tmp_path):
    log = DecisionLog(tmp_path / "log.sqlite3")
    write_records(log, 5)
    log.close()
    assert owed(tmp_path / "log.sqlite3") == 0


def test_text_arrives_exactly_as_written_nul_and_control_characters_included(tmp_path, team_server, new_person):
    alice = new_person()
    record = DecisionRecord(
        session_id="s",
        behaviour="trigger",
        implementation="trained",
        version="1",
        input={"message": "a\x00b\x1b[31m 🫖 [bold]x[/bold]"},
        output={"label": "inline"},
        raw_reply="\x00",
    )
    log = DecisionLog(tmp_path / "log.sqlite3", team_store=alice.dsn)
    log.append_decision(record)
    log.close()
    team = TeamLog(alice.dsn)
    assert team.decision(record.id) == record
    team.close()


def test_recording_lines_ship_and_come_back_as_the_same_file(tmp_path, team_server, new_person):
    alice = new_person()
    log = DecisionLog(tmp_path / "log.sqlite3", team_store=alice.dsn)
    writer = RecordingWriter(
        tmp_path / "s.jsonl",
        HeaderEntry(session_id="sess1", backend="replay", model="m"),
        log.recording_mirror("sess1"),
    )
    for number in range(1, 4):
        writer.write(VersionEntry(number=number, author="person", summary="typed", text=f"version {number}\n"))
    writer.close()
    log.close()
    team = TeamLog(alice.dsn)
    [path] = team.write_recordings(tmp_path / "team")
    team.close()
    assert path.relative_to(tmp_path / "team").as_posix() == f"{alice.name}/sess1.jsonl"
    assert path.read_bytes() == (tmp_path / "s.jsonl").read_bytes()
