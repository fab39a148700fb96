"""Write intents in the embedded mode's SQLite file, shared by the CLI and a running worker."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime

from pipeline.intents import WriteIntent, WriteLeaseLapsed


class SqliteIntents:
    """WriteIntents in a table: a committed insert is visible to every connection at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # The file, for renewals: they come from a heartbeat thread, and on the shared
        # connection an UPDATE would join whatever transaction another thread has open there.
        self.path = next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")

    def begin(self, intent: WriteIntent) -> None:
        self.conn.execute(
            "INSERT INTO write_intents (intent_id, call_id, customer, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (intent.intent_id, intent.call_id, intent.customer, intent.expires_at.isoformat()),
        )

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        update = (
            "UPDATE write_intents SET expires_at = ? WHERE intent_id = ?",
            (new.expires_at.isoformat(), new.intent_id),
        )
        if not self.path:  # an in-memory database (tests): one connection is all there is
            cur = self.conn.execute(*update)
        else:
            with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as conn:
                cur = conn.execute(*update)
        if cur.rowcount != 1:
            raise WriteLeaseLapsed("the write intent was cleared before its renewal")

    def end(self, intent: WriteIntent) -> None:
        self.conn.execute("DELETE FROM write_intents WHERE intent_id = ?", (intent.intent_id,))

    def active(self) -> list[WriteIntent]:
        rows = self.conn.execute(
            "SELECT intent_id, call_id, customer, expires_at FROM write_intents"
        ).fetchall()
        return [WriteIntent(i, c, k, datetime.fromisoformat(e)) for i, c, k, e in rows]
