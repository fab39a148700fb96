"""The embedded mode's SQLite database: consent ledger, write intents and work queue in one file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    topic    TEXT NOT NULL,
    key      TEXT NOT NULL,
    payload  BLOB NOT NULL,
    state    TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    reason   TEXT
);
CREATE INDEX IF NOT EXISTS events_pending ON events (state, topic, seq);
CREATE TABLE IF NOT EXISTS write_intents (
    intent_id  TEXT PRIMARY KEY,
    call_id    TEXT NOT NULL,
    customer   TEXT,
    expires_at TEXT NOT NULL
);
"""


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the database; WAL so the CLI and a running worker can share it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(_SCHEMA)
    return conn


def connect_memory() -> sqlite3.Connection:
    """A private in-memory database with the same schema (a worker's consent view)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.executescript(_SCHEMA)
    return conn
