"""Poison goes to the DLQ with a reason and the stage goes on; outages are waited out, not lost."""

from __future__ import annotations

import json

import pytest
from kafka import KafkaConsumer

from pipeline import events, keys
from pipeline.events import RecordingReceived, utcnow
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from tests.integration.tcp_proxy import TcpProxy
from workers.adapters.kafka_bus import KafkaPublisher, create_topics, topic_name
from workers.runners.distributed import Distributed

pytestmark = pytest.mark.integration


def dead_letters(cluster: Cluster) -> list[dict]:
    kafka = cluster.settings().kafka
    consumer = KafkaConsumer(
        topic_name(kafka, events.DLQ),
        bootstrap_servers=kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=2000,
        group_id=None,
    )
    try:
        return [json.loads(record.value) for record in consumer]
    finally:
        consumer.close()


def _undecodable(service: Distributed) -> None:
    key = keys.original_audio("poison", "wav")
    service.ctx.store.put_bytes(key, b"RIFF....WAVE this is not audio")
    event = RecordingReceived(
        call_id="poison", audio_key=key, audio_sha256="0" * 64, size_bytes=30, started_at=utcnow()
    )
    service.publish(events.RECORDINGS, event)


POISON = {
    "malformed_event": lambda s, p: p.publish_raw(events.RECORDINGS, "poison", b"{not json"),
    "unknown_schema_version": lambda s, p: p.publish_raw(
        events.RECORDINGS, "poison", b'{"type": "recording.received", "version": 7}'
    ),
    "oversized_event": lambda s, p: p.publish_raw(events.RECORDINGS, "poison", b" " * 100_000),
    "undecodable_audio": lambda s, p: _undecodable(s),
}


@pytest.mark.parametrize("reason", sorted(POISON))
def test_poison_is_dead_lettered_with_its_reason_and_the_stage_goes_on(
    tansu, seaweed, tmp_path, reason
):
    cluster = Cluster(tansu, seaweed, tmp_path)
    create_topics(cluster.settings().kafka)
    try:
        cluster.start("ingest")
        service = Distributed(cluster.settings())
        publisher = KafkaPublisher(cluster.settings().kafka)
        POISON[reason](service, publisher)
        service.ingest(SAMPLES / "en-billing.wav", call_id="good", language="en")
        wait_for(
            "the good call after the poison",
            lambda: service.ctx.store.exists("calls/good/meta.json"),
        )
        [entry] = wait_for("the DLQ entry", lambda: dead_letters(cluster))
        assert entry["reason"] == reason and entry["stage"] == "ingest"
        assert entry["topic"] == topic_name(cluster.settings().kafka, events.RECORDINGS)
        assert "not json" not in json.dumps(entry)
        publisher.close()
        service.close()
    finally:
        cluster.stop_all()


def test_an_unreachable_object_store_is_waited_out_and_nothing_is_lost(tansu, seaweed, tmp_path):
    cluster = Cluster(tansu, seaweed, tmp_path)
    create_topics(cluster.settings().kafka)
    proxy = TcpProxy("127.0.0.1", int(seaweed.endpoint_url.rsplit(":", 1)[1]))
    try:
        service = Distributed(cluster.settings())
        cluster.extra_env["VARSAM_S3__ENDPOINT_URL"] = proxy.url
        worker = cluster.start("ingest")
        wait_for("the worker to join", worker.assigned, timeout_s=60)
        proxy.cut()
        service.ingest(SAMPLES / "en-billing.wav", call_id="c1", language="en")
        wait_for(
            "the worker to hit the outage",
            lambda: "unavailable, retrying" in worker.text() or worker.process.poll() is not None,
            timeout_s=90,
        )
        assert worker.process.poll() is None, worker.text()[-2000:]
        proxy.restore()
        wait_for(
            "the call once the store is back",
            lambda: service.ctx.store.exists("calls/c1/meta.json"),
            120,
        )
        assert dead_letters(cluster) == []
        service.close()
    finally:
        proxy.cut()
        cluster.stop_all()
