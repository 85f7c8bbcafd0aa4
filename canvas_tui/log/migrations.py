"""Ordered schema migrations of the decision log; each runs once, in its own transaction."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE decisions (
        id TEXT PRIMARY KEY, session_id TEXT NOT NULL, turn_id TEXT, time TEXT NOT NULL,
        behaviour TEXT NOT NULL, implementation TEXT NOT NULL, version TEXT NOT NULL,
        input TEXT NOT NULL, output TEXT NOT NULL, confidence REAL, latency_ms REAL NOT NULL,
        model TEXT, backend TEXT, fallback INTEGER NOT NULL, raw_reply TEXT
    );
    CREATE INDEX decisions_time ON decisions(time);
    CREATE INDEX decisions_behaviour ON decisions(behaviour, time);
    CREATE TABLE corrections (
        id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time TEXT NOT NULL, kind TEXT NOT NULL,
        decision_id TEXT REFERENCES decisions(id), detail TEXT NOT NULL
    );
    CREATE INDEX corrections_decision ON corrections(decision_id);
    CREATE TABLE blobs (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
    """,
]
