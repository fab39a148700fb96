"""Call metadata kept beside a call's artifacts, and the customer index that finds them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from pipeline import keys
from pipeline.consent import CallRef
from pipeline.storage import ObjectNotFound, ObjectStore


@dataclass(frozen=True)
class CallMeta:
    """What varsam knows about a call besides its audio: ids, layout, start time, shape."""

    call_id: str
    started_at: datetime
    layout: str = "mono"
    language: str | None = None
    customer_id: str | None = None
    agent_id: str | None = None
    duration_s: float | None = None
    channels: int | None = None

    @property
    def ref(self) -> CallRef:
        """The part of the metadata consent decisions need."""
        return CallRef(self.call_id, self.customer_id, self.started_at)

    def to_bytes(self) -> bytes:
        """JSON form stored at calls/{id}/meta.json."""
        data = dict(self.__dict__, started_at=self.started_at.isoformat())
        return json.dumps(data, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> CallMeta:
        """Parse the stored JSON form."""
        data = json.loads(raw)
        data["started_at"] = datetime.fromisoformat(data["started_at"])
        return cls(**data)


def call_ref(
    store: ObjectStore,
    call_id: str,
    customer_id: str | None = None,
    started_at: datetime | None = None,
) -> CallRef:
    """What consent needs to know of a call: from its metadata, else from what the caller knows."""
    meta = load_meta(store, call_id)
    return meta.ref if meta else CallRef(call_id, customer_id, started_at)


def meta_key(call_id: str) -> str:
    """Where a call's metadata lives (under the call prefix, so a purge removes it too)."""
    return f"{keys.call_prefix(call_id)}meta.json"


def landing_key(call_id: str) -> str:
    """Where the landing records what it knew of the call (ids, start) before ingest ran."""
    return f"{keys.call_prefix(call_id)}landing.json"


def load_meta(store: ObjectStore, call_id: str) -> CallMeta | None:
    """The call's metadata (as ingest wrote it, else as the landing did), or None when the
    call is unknown or purged."""
    for key in (meta_key(call_id), landing_key(call_id)):
        try:
            return CallMeta.from_bytes(store.get_bytes(key))
        except ObjectNotFound:
            continue
    return None


def load_ref(store: ObjectStore, call_id: str) -> CallRef | None:
    """What consent needs of a stored call, from the landing's record first (one read for a
    call landed but not yet ingested), else from the metadata; None when unknown or purged."""
    for key in (landing_key(call_id), meta_key(call_id)):
        try:
            return CallMeta.from_bytes(store.get_bytes(key)).ref
        except ObjectNotFound:
            continue
    return None


def meta_objects(meta: CallMeta) -> list[tuple[str, bytes]]:
    """The objects that record a call: its metadata and, for a known customer, the index marker."""
    return [(meta_key(meta.call_id), meta.to_bytes()), *index_objects(meta)]


def landing_objects(meta: CallMeta) -> list[tuple[str, bytes]]:
    """What the landing records before the audio: what it knows of the call, and the index
    marker. Written once and removed only by a purge (a writer's undo never touches them), so
    a purge always learns the call's customer, and a customer-wide deletion finds the call."""
    return [(landing_key(meta.call_id), meta.to_bytes()), *index_objects(meta)]


def index_objects(meta: CallMeta) -> list[tuple[str, bytes]]:
    """The customer index marker of a call with a known customer (none otherwise)."""
    if not meta.customer_id:
        return []
    marker = keys.customer_index(meta.customer_id, meta.call_id)
    return [(marker, json.dumps({"started_at": meta.started_at.isoformat()}).encode())]


def customer_calls(store: ObjectStore, customer_id: str) -> dict[str, datetime]:
    """Every indexed call of a customer, with the time it started."""
    prefix = keys.customer_prefix(customer_id)
    calls = {}
    for key in store.list(prefix):
        try:
            started = json.loads(store.get_bytes(key))["started_at"]
        except (ObjectNotFound, ValueError, KeyError):
            continue
        calls[key[len(prefix) :]] = datetime.fromisoformat(started)
    return calls
