"""The embedded mode's SQLite database: consent ledger, write intents and work queue in one file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workers.adapters.private_files import private_dir, private_file

_SCHEMA = """
CREATE TABLE IF NOT EXISTS flags (
    request_id  TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    payload     BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS flags_subject ON flags (scope, subject_id);
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic       TEXT NOT NULL,
    key         TEXT NOT NULL,
    payload     BLOB NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    reason      TEXT,
    owner       TEXT,
    lease_until REAL
);
CREATE INDEX IF NOT EXISTS events_pending ON events (state, topic, seq);
CREATE INDEX IF NOT EXISTS events_key ON events (key);
CREATE TABLE IF NOT EXISTS scrub_due (
    request_id TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS write_intents (
    intent_id  TEXT PRIMARY KEY,
    call_id    TEXT NOT NULL,
    customer   TEXT,
    expires_at TEXT NOT NULL
);
"""

# Columns added since the first schema, for databases created before them.
_ADDED_COLUMNS = {"owner": "TEXT", "lease_until": "REAL"}


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the database, readable by its owner only; WAL so the CLI and a
    running worker can share it."""
    private_dir(path.parent)
    # SQLite gives its -wal and -shm files the main file's mode, so creating it 0600 first
    # keeps all three private whatever the umask.
    private_file(path)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    # Rows scrubbed after a deletion are overwritten on disk, not merely unlinked.
    conn.execute("PRAGMA secure_delete=ON")
    _migrate(conn)
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        existing = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
        if existing:
            for name, kind in _ADDED_COLUMNS.items():
                if name not in existing:
                    conn.execute(f"ALTER TABLE events ADD COLUMN {name} {kind}")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def connect_memory() -> sqlite3.Connection:
    """A private in-memory database with the same schema (a worker's consent view)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.executescript(_SCHEMA)
    return conn
