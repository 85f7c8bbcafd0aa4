"""The decision log: every record survives, large inputs are stored once, failures never crash the app."""

from __future__ import annotations

import sqlite3

from canvas_tui.log.migrations import MIGRATIONS
from canvas_tui.log.records import CorrectionRecord, DecisionRecord
from canvas_tui.log.store import BLOB_THRESHOLD, DecisionLog


def decision(**overrides) -> DecisionRecord:
    fields = dict(
        session_id="s1",
        behaviour="trigger",
        implementation="trained",
        version="1",
        input={"message": "hi"},
        output={"label": "inline"},
        confidence=0.8,
    )
    return DecisionRecord(**(fields | overrides))


def test_decisions_and_corrections_round_trip_in_time_order(tmp_path):
    log = DecisionLog(tmp_path / "log.sqlite3")
    first, second = decision(), decision(behaviour="locate", output={"span": {"start": 1, "end": 4}})
    assert log.append_decision(first) and log.append_decision(second)
    log.append_correction(CorrectionRecord(session_id="s1", kind="canvas_closed", decision_id=first.id))
    assert [r.id for r in log.decisions()] == [first.id, second.id]
    assert [r.id for r in log.decisions(behaviour="locate")] == [second.id]
    assert [r.id for r in log.decisions(last=1)] == [second.id]
    assert log.decision(first.id) == first
    assert next(log.corrections()).decision_id == first.id


def test_large_inputs_are_stored_once_by_hash_and_read_back_whole(tmp_path):
    log = DecisionLog(tmp_path / "log.sqlite3")
    big = "x" * (BLOB_THRESHOLD + 1)
    for _ in range(3):
        log.append_decision(decision(input={"document": big}))
    assert all(r.input["document"] == big for r in log.decisions())
    connection = sqlite3.connect(tmp_path / "log.sqlite3")
    assert connection.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1


def test_the_schema_is_migrated_once_and_reopening_keeps_records(tmp_path):
    path = tmp_path / "log.sqlite3"
    DecisionLog(path).append_decision(decision())
    reopened = DecisionLog(path)
    assert len(list(reopened.decisions())) == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unwritable_location_is_reported_in_plain_words_and_never_raises(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    log = DecisionLog(blocked / "log.sqlite3")
    assert not log.healthy and "not being logged" in log.problem
    assert log.append_decision(decision()) is False
    assert list(log.decisions()) == []


def test_a_write_failure_after_opening_is_reported_not_raised(tmp_path):
    log = DecisionLog(tmp_path / "log.sqlite3")
    log._connection.execute("PRAGMA query_only = ON")
    assert log.append_decision(decision()) is False
    assert "not being logged" in log.problem
