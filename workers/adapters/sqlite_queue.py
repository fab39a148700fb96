"""The embedded mode's event bus: topics as rows in SQLite, consumed in pipeline order."""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterable
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


def new_owner() -> str:
    """A claim owner: host and pid (so a dead runner's claims can be taken at once) and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _owner_is_dead(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class SqliteQueue:
    """At-least-once topics in SQLite: publish, claim the oldest pending, settle.

    Several runners may share one database: each event is claimed by one owner for a lease
    (taken in one IMMEDIATE transaction), and only the owner that still holds the claim may
    settle it, so an event is worked and its outputs published once. A claim whose lease ran
    out, or whose owner process is gone, can be taken by another runner.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        consumed_topics: Iterable[str] | None = None,
        owner: str | None = None,
        lease_s: float = 900.0,
    ) -> None:
        self.conn = conn
        # Outputs on a topic nobody here consumes (the redacted announcements) are kept as a
        # record, not as work: they must not count as pending for ever.
        self.consumed_topics = None if consumed_topics is None else frozenset(consumed_topics)
        self.owner = owner or new_owner()
        self.lease_s = lease_s

    def publish(self, topic: str, event, *, claimed: bool = False) -> None:
        """Append an event to a topic; `claimed`: already claimed by this runner, which will
        handle it itself (another takes it over only once the claim lapses or we are gone)."""
        self.publish_raw(topic, event.key, encode(event), claimed=claimed)

    def publish_raw(self, topic: str, key: str, payload: bytes, *, claimed: bool = False) -> None:
        """Append raw bytes to a topic (tests use it to inject poison)."""
        consumed = self.consumed_topics is None or topic in self.consumed_topics
        owner, lease_until = (self.owner, time.time() + self.lease_s) if claimed else (None, None)
        self.conn.execute(
            "INSERT INTO events (topic, key, payload, state, owner, lease_until)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (topic, key, payload, "pending" if consumed else "done", owner, lease_until),
        )

    def claim_next(self, topics: tuple[str, ...], skip: set[int]) -> QueuedEvent | None:
        """Claim the oldest unclaimed pending event of the first topic (in `topics` order)."""
        now = time.time()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            item = self._first_claimable(topics, skip, now)
            if item is not None:
                self.conn.execute(
                    "UPDATE events SET owner = ?, lease_until = ? WHERE seq = ?",
                    (self.owner, now + self.lease_s, item.seq),
                )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return item

    def _first_claimable(
        self, topics: tuple[str, ...], skip: set[int], now: float
    ) -> QueuedEvent | None:
        for topic in topics:
            rows = self.conn.execute(
                "SELECT seq, topic, key, payload, attempts, owner, lease_until FROM events"
                " WHERE state = 'pending' AND topic = ? ORDER BY seq LIMIT 64",
                (topic,),
            ).fetchall()
            for *fields, owner, lease_until in rows:
                if fields[0] in skip:
                    continue
                claimed = owner is not None and owner != self.owner
                if claimed and lease_until > now and not _owner_is_dead(owner):
                    continue
                return QueuedEvent(*fields)
        return None

    def next_pending(self, topics: tuple[str, ...], skip: set[int]) -> QueuedEvent | None:
        """Claim the next event (the name the runner has always used)."""
        return self.claim_next(topics, skip)

    def settle(self, seq: int, outputs: list[tuple[str, object]]) -> bool:
        """Mark a claimed event done and publish its outputs, in one transaction.

        False (nothing published) when this runner no longer holds the claim: its lease ran
        out and another runner took the event, or a deletion scrubbed it.
        """
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            cur = self.conn.execute(
                "UPDATE events SET state = 'done', owner = NULL, lease_until = NULL"
                " WHERE seq = ? AND state = 'pending' AND owner = ?",
                (seq, self.owner),
            )
            if cur.rowcount == 1:
                for topic, event in outputs:
                    self.publish(topic, event)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return cur.rowcount == 1

    def release(self, seq: int) -> None:
        """Give a claim back, so another runner (or the next run) may take the event."""
        self.conn.execute(
            "UPDATE events SET owner = NULL, lease_until = NULL WHERE seq = ? AND owner = ?",
            (seq, self.owner),
        )

    def retry_later(self, seq: int) -> int:
        """Count a failed attempt and give the claim back; return the attempts so far."""
        self.conn.execute(
            "UPDATE events SET attempts = attempts + 1, owner = NULL, lease_until = NULL"
            " WHERE seq = ?",
            (seq,),
        )
        row = self.conn.execute("SELECT attempts FROM events WHERE seq = ?", (seq,)).fetchone()
        return row[0] if row else 0

    def dead_letter(self, seq: int, reason: str) -> None:
        """Give up on an event, keeping it with its reason code."""
        self.conn.execute(
            "UPDATE events SET state = 'dlq', reason = ?, owner = NULL, lease_until = NULL"
            " WHERE seq = ?",
            (reason, seq),
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

    def scrub(self, call_ids: Iterable[str]) -> int:
        """Remove every event row of these calls (ids, customer links, hashes, timings).

        For a call whose deletion is complete: nothing of it is left to process, and the rows
        would otherwise keep linking the call id to its customer.
        """
        removed = 0
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for call_id in call_ids:
                # A consent event still pending is a request not yet carried out: it stays.
                cur = self.conn.execute(
                    "DELETE FROM events WHERE key = ? OR (key = ? AND state != 'pending')",
                    (call_id, f"call:{call_id}"),
                )
                removed += cur.rowcount
        return removed
