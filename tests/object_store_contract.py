"""The ObjectStore specification, as checks that every implementation must pass."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.storage import ObjectNotFound, ObjectStore, delete_prefix

Check = Callable[[ObjectStore, Path], None]


def put_bytes_then_get_bytes_returns_them(store: ObjectStore, tmp_path: Path) -> None:
    data = bytes(range(256)) * 3
    store.put_bytes("calls/c1/transcript/raw.json", data)
    assert store.get_bytes("calls/c1/transcript/raw.json") == data


def put_bytes_replaces_the_previous_object(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("calls/c1/transcript/redacted.json", b"first, and longer")
    store.put_bytes("calls/c1/transcript/redacted.json", b"second")
    assert store.get_bytes("calls/c1/transcript/redacted.json") == b"second"


def an_empty_object_is_stored_and_exists(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("customers/k1/calls/c1", b"")
    assert store.exists("customers/k1/calls/c1")
    assert store.get_bytes("customers/k1/calls/c1") == b""


def put_file_then_fetch_to_copies_the_file(store: ObjectStore, tmp_path: Path) -> None:
    source = tmp_path / "original.wav"
    source.write_bytes(os.urandom(300_000))
    store.put_file("calls/c1/audio/original.wav", source)
    target = tmp_path / "fetched.wav"
    store.fetch_to("calls/c1/audio/original.wav", target)
    assert target.read_bytes() == source.read_bytes()
    assert store.get_bytes("calls/c1/audio/original.wav") == source.read_bytes()


def get_bytes_of_a_missing_key_raises_object_not_found(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("calls/c1/audio/original.wav", b"x")
    with pytest.raises(ObjectNotFound):
        store.get_bytes("calls/c1/audio/redacted.wav")
    with pytest.raises(KeyError):  # ObjectNotFound is a KeyError, for callers that expect one
        store.get_bytes("calls/nobody/audio/original.wav")


def fetch_to_of_a_missing_key_raises_and_writes_nothing(store: ObjectStore, tmp_path: Path) -> None:
    target = tmp_path / "never.wav"
    with pytest.raises(ObjectNotFound):
        store.fetch_to("calls/c404/audio/original.wav", target)
    assert not target.exists()


def list_modified_gives_each_key_under_the_prefix_with_its_write_time(
    store: ObjectStore, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    before = datetime.now(UTC) - timedelta(seconds=5)
    store.put_bytes("calls/c1/audio/original.wav", b"a")
    store.put_bytes("calls/c1/transcript/raw.json", b"b")
    store.put_bytes("calls/c2/meta.json", b"c")
    found = store.list_modified("calls/c1/")
    assert sorted(found) == ["calls/c1/audio/original.wav", "calls/c1/transcript/raw.json"]
    after = datetime.now(UTC) + timedelta(seconds=5)
    assert all(before <= t <= after and t.tzinfo is not None for t in found.values())


def exists_says_whether_a_key_is_stored(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("calls/c1/transcript/raw.json", b"{}")
    assert store.exists("calls/c1/transcript/raw.json")
    assert not store.exists("calls/c1/transcript/redacted.json")
    assert not store.exists("calls/c1/transcript")  # a folder-like prefix is not an object


def list_returns_keys_under_a_prefix_sorted(store: ObjectStore, tmp_path: Path) -> None:
    keys = [
        "calls/c2/transcript/raw.json",
        "calls/c1/transcript/redacted.json",
        "calls/c1/audio/original.wav",
        "calls/c10/audio/original.wav",
        "customers/k1/calls/c1",
    ]
    for key in keys:
        store.put_bytes(key, b"x")
    assert store.list("calls/c1/") == [
        "calls/c1/audio/original.wav",
        "calls/c1/transcript/redacted.json",
    ]
    # A prefix is a string prefix, not a folder: c1 also matches c10.
    assert store.list("calls/c1") == [
        "calls/c1/audio/original.wav",
        "calls/c1/transcript/redacted.json",
        "calls/c10/audio/original.wav",
    ]
    assert store.list("") == sorted(keys)
    assert store.list("calls/c3/") == []
    assert store.list("nothing") == []


def delete_returns_true_only_when_the_object_existed(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("calls/c1/transcript/raw.json", b"{}")
    assert store.delete("calls/c1/transcript/raw.json") is True
    assert store.delete("calls/c1/transcript/raw.json") is False
    assert store.delete("calls/never/transcript/raw.json") is False
    assert not store.exists("calls/c1/transcript/raw.json")
    with pytest.raises(ObjectNotFound):
        store.get_bytes("calls/c1/transcript/raw.json")


def delete_leaves_other_objects_alone(store: ObjectStore, tmp_path: Path) -> None:
    store.put_bytes("calls/c1/audio/original.wav", b"a")
    store.put_bytes("calls/c1/audio/redacted.wav", b"b")
    store.delete("calls/c1/audio/original.wav")
    assert store.list("calls/c1/") == ["calls/c1/audio/redacted.wav"]
    assert store.get_bytes("calls/c1/audio/redacted.wav") == b"b"


def delete_prefix_removes_every_artifact_of_a_call(store: ObjectStore, tmp_path: Path) -> None:
    for key in ("audio/original.wav", "transcript/raw.json", "transcript/redacted.json"):
        store.put_bytes(f"calls/c1/{key}", b"x")
    store.put_bytes("calls/c10/audio/original.wav", b"y")
    deleted = delete_prefix(store, "calls/c1/")
    assert sorted(deleted) == [
        "calls/c1/audio/original.wav",
        "calls/c1/transcript/raw.json",
        "calls/c1/transcript/redacted.json",
    ]
    assert store.list("calls/c1/") == []
    assert store.list("calls/") == ["calls/c10/audio/original.wav"]


CONTRACT: tuple[Check, ...] = (
    put_bytes_then_get_bytes_returns_them,
    put_bytes_replaces_the_previous_object,
    an_empty_object_is_stored_and_exists,
    put_file_then_fetch_to_copies_the_file,
    get_bytes_of_a_missing_key_raises_object_not_found,
    fetch_to_of_a_missing_key_raises_and_writes_nothing,
    exists_says_whether_a_key_is_stored,
    list_modified_gives_each_key_under_the_prefix_with_its_write_time,
    list_returns_keys_under_a_prefix_sorted,
    delete_returns_true_only_when_the_object_existed,
    delete_leaves_other_objects_alone,
    delete_prefix_removes_every_artifact_of_a_call,
)
"""Every check, each run on a fresh, empty store; parametrize a test over it."""

CONTRACT_IDS = [check.__name__ for check in CONTRACT]


def check_object_store_contract(make_store: Callable[[], ObjectStore], tmp_path: Path) -> None:
    """Run the whole contract, each check on a fresh store from `make_store`."""
    for index, check in enumerate(CONTRACT):
        folder = tmp_path / f"check-{index}"
        folder.mkdir()
        check(make_store(), folder)
