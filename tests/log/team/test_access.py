"""Who may do what, enforced by the database itself (roles and row-level security), not by canvas-tui:
a person writes and reads only their own records, a reviewer reads everyone's and writes none,
nobody but the administrator changes or deletes, and a person's data can be deleted on request."""

from __future__ import annotations

import psycopg
import pytest

from canvas_tui.log.store import DecisionLog
from canvas_tui.log.team.admin import forget
from canvas_tui.log.team.reader import TeamLog
from tests.log.team.support import server_rows, write_records

ROW = (
    "INSERT INTO team_records (person, kind, id, session_id, time, body, seq, committed_at) "
    "VALUES (%s, 'decision', %s, 's', now(), '{}', 1, now())"
)


@pytest.fixture
def alice_and_bob(tmp_path, new_person):
    alice, bob = new_person(), new_person()
    for person in (alice, bob):
        log = DecisionLog(tmp_path / f"{person.name}.sqlite3", team_store=person.dsn)
        write_records(log, 20, prefix=person.name)
        log.close()
    return alice, bob


def _count(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as connection:
        return dict(connection.execute("SELECT person, count(*) FROM team_records GROUP BY person").fetchall())


def test_a_person_reads_only_their_own_records(alice_and_bob):
    alice, bob = alice_and_bob
    assert _count(alice.dsn) == {alice.name: 22}
    team = TeamLog(alice.dsn)
    assert {record.input["message"].split()[0] for record in team.decisions()} == {alice.name}
    team.close()


def test_a_person_cannot_insert_a_record_as_someone_else(alice_and_bob):
    alice, bob = alice_and_bob
    with (
        psycopg.connect(alice.dsn) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        connection.execute(ROW, (bob.name, "forged"))
    with psycopg.connect(alice.dsn) as connection:
        connection.execute(ROW, (alice.name, "own"))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE team_records SET body = '{}'",
        "DELETE FROM team_records",
        "TRUNCATE team_records",
        "DROP TABLE team_records",
    ],
)
def test_a_person_cannot_change_or_delete_records_even_their_own(alice_and_bob, statement):
    alice, _ = alice_and_bob
    with psycopg.connect(alice.dsn) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(statement)


def test_a_reviewer_reads_everyone_writes_only_their_own_and_changes_nothing(alice_and_bob, new_person):
    alice, bob = alice_and_bob
    reviewer = new_person(role="reviewer")
    counts = _count(reviewer.dsn)
    assert counts[alice.name] == counts[bob.name] == 22
    with psycopg.connect(reviewer.dsn) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("UPDATE team_records SET body = '{}' WHERE person = %s", (alice.name,))
    with psycopg.connect(reviewer.dsn) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(ROW, (alice.name, "forged-by-reviewer"))


def test_a_reader_reads_everyone_and_cannot_write_at_all(alice_and_bob, new_person):
    alice, bob = alice_and_bob
    reader = new_person(role="reader")
    counts = _count(reader.dsn)
    assert counts[alice.name] == counts[bob.name] == 22
    with psycopg.connect(reader.dsn) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(ROW, (reader.name, "own"))


def test_a_login_that_is_no_member_reads_and_writes_nothing(team_server, alice_and_bob):
    with psycopg.connect(team_server.admin_dsn, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS outsider")
        admin.execute("CREATE ROLE outsider LOGIN PASSWORD 'outsider-pw'")
    with (
        psycopg.connect(team_server.dsn("outsider", "outsider-pw")) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT count(*) FROM team_records")


def test_forgetting_a_person_deletes_their_records_and_nobody_elses(team_server, alice_and_bob):
    alice, bob = alice_and_bob
    assert forget(team_server.admin_dsn, alice.name) == 22
    assert server_rows(team_server.admin_dsn, alice.name) == []
    assert len(server_rows(team_server.admin_dsn, bob.name)) == 22
