"""Ordered schema migrations of the decision log; each runs once, in its own transaction."""

from canvas_tui.log.outbox import MIGRATION as OUTBOX

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
    # 2: win-rate judgements (canvas_tui.judging.winrate), and decisions by turn (exports read a turn's decisions)
    """
    CREATE INDEX decisions_turn ON decisions(turn_id);
    CREATE TABLE judgements (
        id TEXT PRIMARY KEY, comparison_id TEXT NOT NULL, time TEXT NOT NULL, judge TEXT NOT NULL,
        prompt TEXT NOT NULL, a_name TEXT NOT NULL, b_name TEXT NOT NULL, a_text TEXT NOT NULL, b_text TEXT NOT NULL,
        shown_first TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT
    );
    CREATE INDEX judgements_comparison ON judgements(comparison_id, time);
    """,
    # 3: the outbox of records owed to the team store (canvas_tui.log.outbox)
    OUTBOX,
    # 4: the source of a decision's input (launch traffic from a file of real messages, or the app's own turns)
    """
    ALTER TABLE decisions ADD COLUMN source TEXT;
    CREATE INDEX decisions_source ON decisions(source, time);
    """,
]
