"""S3 on a real SeaweedFS: encrypted by default, a private bucket where it can, refusals bounded."""

from __future__ import annotations

import logging

import pytest

from pipeline import keys
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from tests.integration.test_poison_and_outages import dead_letters
from tests.servers import READER_ACCESS_KEY, READER_SECRET_KEY, unique_name
from workers.adapters.kafka_bus import create_topics
from workers.runners.distributed import Distributed, s3_store

pytestmark = pytest.mark.integration


def test_the_configured_store_encrypts_every_object_by_default(tansu, seaweed, tmp_path, caplog):
    cluster = Cluster(tansu, seaweed, tmp_path, bucket=unique_name("enc"))
    with caplog.at_level(logging.WARNING, logger="varsam.s3"):
        store = s3_store(cluster.settings())
    # SeaweedFS has no public-access-block API: the bucket is still created, with a note.
    assert "no public-access block" in caplog.text
    store.put_bytes("calls/c1/transcript/raw.json", b"{}")
    head = seaweed.client().head_object(Bucket=cluster.bucket, Key="calls/c1/transcript/raw.json")
    assert head.get("ServerSideEncryption") == "AES256"
    assert store.public_access_block() is None
    store.close()


def test_access_denied_is_dead_lettered_after_bounded_attempts_and_the_stage_goes_on(
    tansu, seaweed, tmp_path
):
    cluster = Cluster(tansu, seaweed, tmp_path)
    create_topics(cluster.settings().kafka)
    service = Distributed(cluster.settings())
    try:
        for call_id in ("denied-1", "denied-2"):
            service.ingest(SAMPLES / "en-billing.wav", call_id=call_id, language="en")
        # This worker may read the bucket but not write to it: every call it ingests is refused.
        cluster.extra_env = {
            "VARSAM_S3__ACCESS_KEY_ID": READER_ACCESS_KEY,
            "VARSAM_S3__SECRET_ACCESS_KEY": READER_SECRET_KEY,
            "VARSAM_S3__MAX_REFUSED_ATTEMPTS": "3",
        }
        worker = cluster.start("ingest")
        entries = wait_for(
            "both calls dead-lettered",
            lambda: (found := dead_letters(cluster)) and len(found) >= 2 and found,
            timeout_s=120,
        )
        assert sorted(e["key"] for e in entries) == ["denied-1", "denied-2"]
        assert {e["reason"] for e in entries} == {"store_access_denied"}
        assert worker.text().count("store_access_denied unavailable, retrying") == 2 * 2
        assert worker.process.poll() is None, "the worker goes on after a refusal"
        assert not service.ctx.store.exists(keys.call_prefix("denied-1") + "meta.json")
    finally:
        cluster.stop_all()
        service.close()
