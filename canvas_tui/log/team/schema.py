"""The team store's schema in PostgreSQL: ordered migrations, the two group roles, and row-level security.

One table, `team_records`, holds every person's decisions, corrections and recording lines. The database,
not the client, decides who may do what:
- `canvas_tui_writer` members insert and read only rows whose `person` is their own login
  (`person` defaults to `current_user`; a row naming anyone else is refused by the policy);
- `canvas_tui_reviewer` members read every row (a reviewer who also writes is in both groups; a reader
  only in this one, and so writes nothing);
- nobody but the owner (the administrator who ran the migrations) updates or deletes.
A record is identified by (person, kind, id): shipping the same record again changes nothing.
"""

from __future__ import annotations

WRITER = "canvas_tui_writer"
READER = "canvas_tui_reviewer"

MIGRATIONS: list[str] = [
    f"""
    DO $$ BEGIN CREATE ROLE {WRITER} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
    DO $$ BEGIN CREATE ROLE {READER} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
    CREATE TABLE team_records (
        person TEXT NOT NULL DEFAULT current_user,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'correction', 'recording')),
        id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        time TIMESTAMPTZ NOT NULL,
        behaviour TEXT,
        source TEXT,
        turn_id TEXT,
        decision_id TEXT,
        body JSON NOT NULL,
        seq BIGINT NOT NULL,
        committed_at TIMESTAMPTZ NOT NULL,
        shipped_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        arrival BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (person, kind, id)
    );
    CREATE INDEX team_records_time ON team_records (kind, time);
    CREATE INDEX team_records_behaviour ON team_records (kind, behaviour, time);
    CREATE INDEX team_records_id ON team_records (id);
    CREATE INDEX team_records_turn ON team_records (turn_id) WHERE turn_id IS NOT NULL;
    CREATE INDEX team_records_decision ON team_records (decision_id) WHERE decision_id IS NOT NULL;
    ALTER TABLE team_records ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_rows_in ON team_records FOR INSERT TO {WRITER} WITH CHECK (person = current_user);
    CREATE POLICY own_rows_out ON team_records FOR SELECT TO {WRITER} USING (person = current_user);
    CREATE POLICY every_row_out ON team_records FOR SELECT TO {READER} USING (true);
    REVOKE ALL ON team_records FROM PUBLIC;
    GRANT SELECT, INSERT ON team_records TO {WRITER};
    GRANT SELECT ON team_records TO {READER};
    GRANT SELECT ON team_migrations TO {WRITER}, {READER};
    """,
]
"""MIGRATIONS[n] takes the store from version n to n+1; each runs once, in its own transaction."""

LEDGER = "CREATE TABLE IF NOT EXISTS team_migrations (number INTEGER PRIMARY KEY, applied TIMESTAMPTZ DEFAULT now())"
