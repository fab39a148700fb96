"""Write intents: short leases a writer holds on a call while an artifact write may be in flight."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from pipeline.storage import ObjectStore, StoreUnavailable

# Object keys of the intents in the object store (distributed mode): readable by the purge,
# writable by the stage workers, and holding call ids and customer pseudonyms only.
INTENT_PREFIX = "consent-intents/"
_EXPIRY_FORMAT = "%Y%m%dT%H%M%S%fZ"
# How long past its expiry a lapsed intent is kept before it is cleared away. Clearing one is
# safe only once no purge pass can still be between its first sweep and its look at the
# intents from before the lapse; that takes seconds, this allows far more.
GC_AFTER = timedelta(minutes=10)


class WriteLeaseLapsed(StoreUnavailable):
    """The writer's intent lapsed before or during its write: nothing is left written, retry."""

    reason = "write_lease_lapsed"


@dataclass(frozen=True)
class WriteIntent:
    """One writer's lease on one call: the call, its customer's pseudonym, and the expiry."""

    intent_id: str
    call_id: str
    customer: str | None
    expires_at: datetime

    @classmethod
    def new(cls, call_id: str, customer: str | None, expires_at: datetime) -> WriteIntent:
        """A fresh intent with a random id."""
        return cls(uuid.uuid4().hex, call_id, customer, expires_at)

    def lapsed(self, now: datetime, skew: timedelta = timedelta(0)) -> bool:
        """True once the lease is over, allowing `skew` between the writer's clock and ours."""
        return now > self.expires_at + skew

    def overlaps(self, call_ids: Iterable[str], customer: str | None) -> bool:
        """True when a deletion of `call_ids` (and, with `customer`, of that customer's calls)
        may race this write. An intent whose customer is unknown overlaps every customer-wide
        deletion: its writer could not have told which customer the call belongs to."""
        if self.call_id in set(call_ids):
            return True
        return customer is not None and self.customer in (customer, None)


class WriteIntents(Protocol):
    """Where intents live: visible to every purge worker as soon as `begin` returns."""

    def begin(self, intent: WriteIntent) -> None:
        """Record the intent durably; only then may the writer check consent and write."""

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        """Extend a lease: record `new` (the same intent id, a later expiry), then drop `old`.

        Every purge sees `new` once this returns; one that lists in between may see both."""

    def end(self, intent: WriteIntent) -> None:
        """Clear the intent (after the writer's post-write check); clearing twice is harmless."""

    def active(self) -> list[WriteIntent]:
        """Every intent recorded and not yet cleared, lapsed ones included."""


class InMemoryIntents:
    """A dict of intents for unit tests and a single process."""

    def __init__(self) -> None:
        self.intents: dict[str, WriteIntent] = {}

    def begin(self, intent: WriteIntent) -> None:
        self.intents[intent.intent_id] = intent

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        self.intents[new.intent_id] = new

    def end(self, intent: WriteIntent) -> None:
        self.intents.pop(intent.intent_id, None)

    def active(self) -> list[WriteIntent]:
        return list(self.intents.values())


class StoreIntents:
    """Intents as empty objects in the object store, everything needed in the key.

    The same store as the artifacts, so a writer that can write an artifact can record its
    intent, and one LIST (strongly consistent on S3 and SeaweedFS) shows the purge every
    intent whose PUT was acknowledged before the listing began.
    """

    def __init__(self, store: ObjectStore) -> None:
        self.store = store

    def begin(self, intent: WriteIntent) -> None:
        self.store.put_bytes(_key(intent), b"")

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        # The expiry is in the key: a new object first, so a LIST at any moment shows the
        # intent live; both for a moment is harmless, the purge goes by intent id.
        self.begin(new)
        self.end(old)

    def end(self, intent: WriteIntent) -> None:
        batch = getattr(self.store, "delete_listed", None)
        if batch is not None:  # one DeleteObjects request, no HEAD first (S3)
            batch([_key(intent)])
        else:
            self.store.delete(_key(intent))

    def active(self) -> list[WriteIntent]:
        found = []
        for key in self.store.list(INTENT_PREFIX):
            call_id, _, name = key[len(INTENT_PREFIX) :].rpartition("/")
            expiry, customer, intent_id = [*name.split("_"), "", "", ""][:3]
            try:
                expires_at = datetime.strptime(expiry, _EXPIRY_FORMAT).replace(tzinfo=UTC)
            except ValueError:
                continue  # not an intent of ours
            found.append(
                WriteIntent(intent_id, call_id, None if customer == "-" else customer, expires_at)
            )
        return found


def _key(intent: WriteIntent) -> str:
    expiry = intent.expires_at.astimezone(UTC).strftime(_EXPIRY_FORMAT)
    # e.g. consent-intents/c1/20261126T161501250000Z_h3f2a..._9c1e...
    return f"{INTENT_PREFIX}{intent.call_id}/{expiry}_{intent.customer or '-'}_{intent.intent_id}"


class WriteLease:
    """A writer's intent on a call, renewed by a heartbeat thread for as long as its write runs.

    Every third of a lease the heartbeat records the intent again with an expiry one lease
    ahead. The lease is held while every renewal was recorded before the expiry it extended;
    a renewal that failed or came too late leaves it to lapse, and the writer, which checks
    `lapsed` after its write, must then undo the write: a purge may have stopped waiting.
    """

    def __init__(
        self,
        intents: WriteIntents,
        intent: WriteIntent,
        lease_s: float,
        clock: Callable[[], datetime],
    ) -> None:
        self.intents = intents
        self.lease_s = lease_s
        self.clock = clock
        self._intent = intent
        self._broken = False
        # Renewals that failed but may have been recorded all the same: cleared at the end.
        self._uncertain: list[WriteIntent] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def intent(self) -> WriteIntent:
        """The intent as last recorded (its latest expiry)."""
        with self._lock:
            return self._intent

    def lapsed(self, now: datetime) -> bool:
        """True once the lease is over, or was over for a moment: no purge need wait for it."""
        with self._lock:
            return self._broken or now > self._intent.expires_at

    def start(self) -> None:
        """Start the heartbeat (the intent is recorded already)."""
        self._heartbeat = threading.Thread(target=self._beat, name="write-lease", daemon=True)
        self._heartbeat.start()

    def stop(self) -> None:
        """Stop the heartbeat and wait for a renewal in progress; the lease is final then."""
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()

    def end(self) -> None:
        """Clear the intent, and any renewal that may have been recorded though it failed."""
        self.intents.end(self._intent)
        for intent in self._uncertain:
            self.intents.end(intent)

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_s / 3) and self._renew():
            pass

    def _renew(self) -> bool:
        """One renewal; False once the lease is lost for good (no use renewing it then)."""
        old = self.intent
        if self.clock() > old.expires_at:
            with self._lock:
                self._broken = True  # the heartbeat was starved past the expiry
            return False
        new = replace(old, expires_at=self.clock() + timedelta(seconds=self.lease_s))
        try:
            self.intents.renew(old, new)
        except Exception:
            # Whatever failed (store unavailable, a timeout), the old expiry still stands:
            # try again at the next beat, and let the lease lapse if none succeeds in time.
            with self._lock:
                self._uncertain.append(new)
            return True
        with self._lock:
            self._intent = new
            if self.clock() > old.expires_at:
                # Recorded after the old expiry: a purge may have seen the lease lapse.
                self._broken = True
                return False
        return True


def clear_lapsed(intents: WriteIntents, now: datetime) -> int:
    """Clear intents lapsed longer than GC_AFTER (writers that died mid-write); return how many."""
    stale = [i for i in intents.active() if i.lapsed(now, GC_AFTER)]
    for intent in stale:
        intents.end(intent)
    return len(stale)
