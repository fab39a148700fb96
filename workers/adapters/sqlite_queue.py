"""The embedded mode's event bus: topics as rows in SQLite, consumed in pipeline order."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from pipeline.events import encode


@dataclass(frozen=True)
class QueuedEvent:
    """An event waiting in the queue, with its raw payload (decoded by the runner)."""

    seq: int
    topic: str
    key: str
    payload: bytes
    attempts: int


@dataclass(frozen=True)
class DeadLetter:
    """An event the pipeline gave up on, with a reason code that is safe to show."""

    seq: int
    topic: str
    key: str
    reason: str


class SqliteQueue:
    """At-least-once topics in SQLite: publish, take the oldest pending, settle."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def publish(self, topic: str, event) -> None:
        """Append an event to a topic."""
        self.publish_raw(topic, event.key, encode(event))

    def publish_raw(self, topic: str, key: str, payload: bytes) -> None:
        """Append raw bytes to a topic (tests use it to inject poison)."""
        self.conn.execute(
            "INSERT INTO events (topic, key, payload) VALUES (?, ?, ?)", (topic, key, payload)
        )

    def next_pending(self, topics: tuple[str, ...], skip: set[int]) -> QueuedEvent | None:
        """The oldest pending event of the first topic (in `topics` order) that has one."""
        for topic in topics:
            rows = self.conn.execute(
                "SELECT seq, topic, key, payload, attempts FROM events"
                " WHERE state = 'pending' AND topic = ? ORDER BY seq LIMIT 64",
                (topic,),
            ).fetchall()
            for row in rows:
                if row[0] not in skip:
                    return QueuedEvent(*row)
        return None

    def settle(self, seq: int, outputs: list[tuple[str, object]]) -> None:
        """Mark an event done and publish its outputs, in one transaction."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for topic, event in outputs:
                self.publish(topic, event)
            self.conn.execute("UPDATE events SET state = 'done' WHERE seq = ?", (seq,))

    def retry_later(self, seq: int) -> int:
        """Count a failed attempt; return how many attempts the event has had."""
        self.conn.execute("UPDATE events SET attempts = attempts + 1 WHERE seq = ?", (seq,))
        return self.conn.execute("SELECT attempts FROM events WHERE seq = ?", (seq,)).fetchone()[0]

    def dead_letter(self, seq: int, reason: str) -> None:
        """Give up on an event, keeping it with its reason code."""
        self.conn.execute(
            "UPDATE events SET state = 'dlq', reason = ? WHERE seq = ?", (reason, seq)
        )

    def dead_letters(self, key: str | None = None) -> list[DeadLetter]:
        """Events the pipeline gave up on (for one key when given)."""
        rows = self.conn.execute(
            "SELECT seq, topic, key, reason FROM events WHERE state = 'dlq'"
            " AND (? IS NULL OR key = ?) ORDER BY seq",
            (key, key),
        )
        return [DeadLetter(*row) for row in rows]

    def pending_on(self, topics: tuple[str, ...]) -> int:
        """How many events wait on any of `topics`."""
        marks = ",".join("?" * len(topics))
        return self.conn.execute(
            f"SELECT COUNT(*) FROM events WHERE state = 'pending' AND topic IN ({marks})", topics
        ).fetchone()[0]

    def pending(self, key: str | None = None) -> int:
        """How many events wait (for one key when given)."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM events WHERE state = 'pending' AND (? IS NULL OR key = ?)",
            (key, key),
        ).fetchone()[0]
