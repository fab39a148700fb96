"""Write intents in the embedded mode's SQLite file, shared by the CLI and a running worker."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from pipeline.intents import WriteIntent


class SqliteIntents:
    """WriteIntents in a table: a committed insert is visible to every connection at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def begin(self, intent: WriteIntent) -> None:
        self.conn.execute(
            "INSERT INTO write_intents (intent_id, call_id, customer, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (intent.intent_id, intent.call_id, intent.customer, intent.expires_at.isoformat()),
        )

    def end(self, intent: WriteIntent) -> None:
        self.conn.execute("DELETE FROM write_intents WHERE intent_id = ?", (intent.intent_id,))

    def active(self) -> list[WriteIntent]:
        rows = self.conn.execute(
            "SELECT intent_id, call_id, customer, expires_at FROM write_intents"
        ).fetchall()
        return [WriteIntent(i, c, k, datetime.fromisoformat(e)) for i, c, k, e in rows]
