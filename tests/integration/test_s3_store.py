"""S3ObjectStore against a real SeaweedFS: the ObjectStore contract, pagination, SSE, errors."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline.storage import StoreUnavailable
from tests.object_store_contract import CONTRACT, CONTRACT_IDS, Check
from tests.servers import SeaweedS3, free_ports, unique_name
from workers.adapters.s3_store import S3ObjectStore

pytestmark = pytest.mark.integration

PERSONAL = b"Anna Svensson, personnummer 19800101-1234"


def store_on(seaweed: SeaweedS3, bucket: str, **options: object) -> S3ObjectStore:
    """A store on `bucket` of the test server, with the server's credentials."""
    settings: dict[str, object] = {
        "endpoint_url": seaweed.endpoint_url,
        "region": seaweed.region,
        "access_key": seaweed.access_key,
        "secret_key": seaweed.secret_key,
    }
    settings.update(options)
    return S3ObjectStore(bucket=bucket, **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize("check", CONTRACT, ids=CONTRACT_IDS)
def test_s3_store_meets_the_contract(s3_store: S3ObjectStore, check: Check, tmp_path: Path) -> None:
    check(s3_store, tmp_path)


def test_list_follows_pagination_past_1000_keys(s3_store: S3ObjectStore) -> None:
    keys = [f"calls/c{i:05d}/transcript/redacted.json" for i in range(1100)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda key: s3_store.put_bytes(key, b"{}"), keys))
    s3_store.put_bytes("customers/k1/calls/c00001", b"")
    assert s3_store.list("calls/") == keys
    assert s3_store.list("calls/c010") == keys[1000:1100]
    assert len(s3_store.list("")) == 1101


def test_ensure_bucket_creates_it_once(seaweed: SeaweedS3) -> None:
    store = store_on(seaweed, unique_name("fresh"))
    assert store.ensure_bucket() is True
    assert store.ensure_bucket() is False
    store.put_bytes("calls/c1/audio/original.wav", b"x")
    assert store.list("calls/") == ["calls/c1/audio/original.wav"]


def test_sse_is_applied_to_every_put(seaweed: SeaweedS3, tmp_path: Path) -> None:
    store = store_on(seaweed, unique_name("sse"), sse="AES256")
    store.ensure_bucket()
    big = tmp_path / "long-call.wav"
    big.write_bytes(os.urandom(9 * 1024 * 1024))  # above the 8 MiB multipart threshold
    store.put_bytes("calls/c1/transcript/raw.json", PERSONAL)
    store.put_file("calls/c1/audio/original.wav", big)
    client = seaweed.client()
    for key in ("calls/c1/transcript/raw.json", "calls/c1/audio/original.wav"):
        head = client.head_object(Bucket=store.bucket, Key=key)
        assert head.get("ServerSideEncryption") == "AES256"
    assert store.get_bytes("calls/c1/transcript/raw.json") == PERSONAL
    fetched = tmp_path / "fetched.wav"
    store.fetch_to("calls/c1/audio/original.wav", fetched)
    assert fetched.read_bytes() == big.read_bytes()


def test_an_unknown_sse_mode_is_rejected() -> None:
    with pytest.raises(ValueError):
        S3ObjectStore(bucket="any", endpoint_url="http://127.0.0.1:9", sse="rot13")


def test_a_missing_bucket_is_reported_as_such(seaweed: SeaweedS3) -> None:
    store = store_on(seaweed, unique_name("absent"), max_attempts=1)
    with pytest.raises(StoreUnavailable) as caught:
        store.put_bytes("calls/c1/transcript/raw.json", PERSONAL)
    assert caught.value.reason == "store_bucket_missing"
    assert store.bucket in str(caught.value)


def test_wrong_credentials_are_access_denied(seaweed: SeaweedS3, s3_store: S3ObjectStore) -> None:
    store = store_on(seaweed, s3_store.bucket, secret_key="not-the-secret", max_attempts=1)
    with pytest.raises(StoreUnavailable) as caught:
        store.put_bytes("calls/c1/transcript/raw.json", PERSONAL)
    assert caught.value.reason == "store_access_denied"
    assert not s3_store.exists("calls/c1/transcript/raw.json")


OPERATIONS = {
    "put_bytes": lambda store, path: store.put_bytes("calls/c1/transcript/raw.json", PERSONAL),
    "put_file": lambda store, path: store.put_file("calls/c1/audio/original.wav", path),
    "get_bytes": lambda store, path: store.get_bytes("calls/c1/transcript/raw.json"),
    "fetch_to": lambda store, path: store.fetch_to("calls/c1/audio/original.wav", path),
    "exists": lambda store, path: store.exists("calls/c1/audio/original.wav"),
    "list": lambda store, path: store.list("calls/c1/"),
    "delete": lambda store, path: store.delete("calls/c1/audio/original.wav"),
    "ensure_bucket": lambda store, path: store.ensure_bucket(),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_dead_endpoint_raises_store_unavailable(operation: str, tmp_path: Path) -> None:
    (port,) = free_ports(1)  # nothing listens there
    store = S3ObjectStore(
        bucket="varsam",
        endpoint_url=f"http://127.0.0.1:{port}",
        access_key="a",
        secret_key="b",
        max_attempts=2,
        connect_timeout_s=1,
        read_timeout_s=1,
    )
    audio = tmp_path / "original.wav"
    audio.write_bytes(PERSONAL)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        OPERATIONS[operation](store, audio)
    assert time.monotonic() - started < 10
    assert caught.value.reason == "store_unavailable"
    # Nothing from the object's contents in the error or anything it wraps.
    error: BaseException | None = caught.value
    while error is not None:
        assert PERSONAL.decode() not in str(error) and "Svensson" not in repr(error)
        error = error.__cause__ or error.__context__
