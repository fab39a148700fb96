"""Session fixtures for integration tests: a real SeaweedFS and a real Tansu broker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import (
    STARTUP_TIMES,
    SeaweedS3,
    TansuBroker,
    start_seaweed,
    start_tansu,
    unique_name,
)
from workers.adapters.s3_store import S3ObjectStore


@pytest.fixture(scope="session")
def servers_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder where this session's servers keep their data and logs."""
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session")
def seaweed(servers_dir: Path) -> Iterator[SeaweedS3]:
    """A SeaweedFS S3 endpoint for the session; use a bucket of your own in it."""
    server = start_seaweed(servers_dir / "seaweedfs")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tansu(servers_dir: Path) -> Iterator[TansuBroker]:
    """An in-memory Tansu broker for the session; use `topic_prefix` for your topics."""
    broker = start_tansu(servers_dir / "tansu")
    yield broker
    broker.stop()


@pytest.fixture
def s3_store(seaweed: SeaweedS3) -> Iterator[S3ObjectStore]:
    """An S3ObjectStore on a fresh, empty bucket of its own."""
    store = S3ObjectStore(
        bucket=unique_name("test"),
        endpoint_url=seaweed.endpoint_url,
        region=seaweed.region,
        access_key=seaweed.access_key,
        secret_key=seaweed.secret_key,
    )
    store.ensure_bucket()
    yield store
    store.close()


@pytest.fixture
def topic_prefix() -> str:
    """A prefix no other test uses, for topic and consumer-group names (`t-1a2b3c.`)."""
    return unique_name("t") + "."


@pytest.fixture
def durable_tansu(seaweed: SeaweedS3, servers_dir: Path) -> Iterator[TansuBroker]:
    """A Tansu broker of its own, keeping its log in a fresh SeaweedFS bucket; can restart()."""
    bucket = unique_name("tansu")
    broker = start_tansu(servers_dir / bucket, s3=seaweed, bucket=bucket)
    yield broker
    broker.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how long each server took to answer, so slow starts are noticed."""
    if STARTUP_TIMES:
        terminalreporter.write_sep("-", "server startup (seconds until it answered)")
        for name, seconds in STARTUP_TIMES:
            terminalreporter.write_line(f"{name}: {seconds:.2f}")
