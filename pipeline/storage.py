"""The object store interface (local folder, S3) and its in-memory twin for tests."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pipeline.errors import VarsamError


class ObjectNotFound(KeyError):
    """The key does not exist in the object store."""


class StoreUnavailable(VarsamError):
    """The object store cannot serve the request now (unreachable, refused, failing).

    The reason code says which: `store_unavailable` (cannot connect, timed out, 5xx after
    retries), `store_access_denied` (credentials or policy), `store_bucket_missing`, or
    `store_error` (any other refusal). Messages name the operation, bucket and key, never
    object contents.
    """

    reason = "store_unavailable"


class ObjectStore(Protocol):
    """Where audio and transcripts live; keys follow pipeline.keys."""

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store `data` at `key`, atomically replacing any previous object."""

    def put_file(self, key: str, path: Path) -> None:
        """Store the file at `path` under `key`, atomically."""

    def get_bytes(self, key: str) -> bytes:
        """Return the object's bytes, or raise ObjectNotFound."""

    def fetch_to(self, key: str, path: Path) -> None:
        """Copy the object to a local file, or raise ObjectNotFound."""

    def exists(self, key: str) -> bool:
        """True when an object is stored at `key`."""

    def list(self, prefix: str) -> list[str]:
        """Every key that starts with `prefix`, sorted."""

    def list_modified(self, prefix: str) -> dict[str, datetime]:
        """Every key under `prefix` with the time it was last written (for retention)."""

    def delete(self, key: str) -> bool:
        """Delete one object; True when something was deleted."""


def delete_prefix(store: ObjectStore, prefix: str) -> list[str]:
    """Delete every object under `prefix` and return the keys that were deleted."""
    listed = store.list(prefix)
    batch = getattr(store, "delete_listed", None)
    if batch is not None:  # one request for many keys where the store can (S3 DeleteObjects)
        return batch(listed)
    return [key for key in listed if store.delete(key)]


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of a byte string."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class InMemoryObjectStore:
    """A dict-backed ObjectStore for unit tests."""

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.objects: dict[str, bytes] = {}
        self.modified: dict[str, datetime] = {}
        self.clock = clock

    def put_bytes(self, key: str, data: bytes) -> None:
        self.objects[key] = bytes(data)
        self.modified[key] = self.clock()

    def put_file(self, key: str, path: Path) -> None:
        self.put_bytes(key, Path(path).read_bytes())

    def get_bytes(self, key: str) -> bytes:
        try:
            return self.objects[key]
        except KeyError:
            raise ObjectNotFound(key) from None

    def fetch_to(self, key: str, path: Path) -> None:
        Path(path).write_bytes(self.get_bytes(key))

    def exists(self, key: str) -> bool:
        return key in self.objects

    def list(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))

    def list_modified(self, prefix: str) -> dict[str, datetime]:
        return {k: self.modified[k] for k in self.list(prefix)}

    def delete(self, key: str) -> bool:
        self.modified.pop(key, None)
        return self.objects.pop(key, None) is not None
