"""The consent ledger on SQLite: the embedded mode's source of truth, a worker's view otherwise."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from pipeline.consent import CallRef
from pipeline.events import ConsentFlag, decode, encode


class SqliteLedger:
    """A ConsentLedger in a SQLite table; fencing is trivial because writes are synchronous."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def record(self, flag: ConsentFlag) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO flags (request_id, scope, subject_id, accepted_at, payload)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                flag.request_id,
                flag.scope,
                flag.subject_id,
                flag.accepted_at.isoformat(),
                encode(flag),
            ),
        )
        return cur.rowcount == 1

    def fence(self) -> None:
        return None

    def flags_for(self, call: CallRef) -> list[ConsentFlag]:
        rows = self.conn.execute(
            "SELECT payload FROM flags WHERE (scope = 'call' AND subject_id = ?)"
            " OR (scope = 'customer' AND subject_id = ?) ORDER BY accepted_at",
            (call.call_id, call.customer_id or ""),
        )
        return [decode(row[0]) for row in rows]  # type: ignore[misc]

    def flags_since(self, since: datetime | None = None) -> list[ConsentFlag]:
        rows = self.conn.execute(
            "SELECT payload FROM flags WHERE accepted_at >= ? ORDER BY accepted_at",
            (since.isoformat() if since else "",),
        )
        return [decode(row[0]) for row in rows]  # type: ignore[misc]
