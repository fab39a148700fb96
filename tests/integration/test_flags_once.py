"""Kafka mode: each accepted flag is one record on the consent topic, carried out once."""

from __future__ import annotations

import json

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from pipeline import events
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from workers.adapters.kafka_bus import BARRIER_KEY_PREFIX, create_topics, group_name, topic_name
from workers.runners.distributed import Distributed

pytestmark = pytest.mark.integration


def consent_records(cluster: Cluster) -> list[dict]:
    """Every flag on the consent topic (fence barriers left out)."""
    kafka = cluster.settings().kafka
    consumer = KafkaConsumer(
        topic_name(kafka, events.CONSENT),
        bootstrap_servers=kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=2000,
        group_id=None,
    )
    try:
        return [
            json.loads(r.value)
            for r in consumer
            if not (r.key or b"").startswith(BARRIER_KEY_PREFIX.encode())
        ]
    finally:
        consumer.close()


def purge_caught_up(cluster: Cluster) -> bool:
    """True when the purge group has committed every record on the consent topic."""
    kafka = cluster.settings().kafka
    topic = topic_name(kafka, events.CONSENT)
    consumer = KafkaConsumer(bootstrap_servers=kafka.bootstrap_servers, group_id=None)
    admin = KafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers)
    try:
        ends = consumer.end_offsets(
            [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        )
        group = group_name(kafka, "purge")
        committed = admin.list_group_offsets({group: list(ends)})[group]
        return all(
            end == 0 or (committed.get(tp) is not None and committed[tp].offset >= end)
            for tp, end in ends.items()
        )
    finally:
        consumer.close()
        admin.close()


def test_each_flag_is_published_once_and_the_purge_worker_carries_it_out_once(
    tansu, seaweed, tmp_path
):
    cluster = Cluster(tansu, seaweed, tmp_path)
    create_topics(cluster.settings().kafka)
    service = Distributed(cluster.settings())
    try:
        service.ingest(SAMPLES / "en-billing.wav", call_id="once", language="en")
        flags = [
            service.flag("restrict_training", call_id="once"),
            service.flag("delete_recording", call_id="once"),
        ]
        on_topic = [r["request_id"] for r in consent_records(cluster)]
        assert sorted(on_topic) == sorted(f.request_id for f in flags)
        purge = cluster.start("purge")
        wait_for(
            "the purge worker to reach the end of the consent topic",
            lambda: purge_caught_up(cluster),
        )
        assert purge.handled() == ["call:<id>", "call:<id>"]
        receipt = wait_for(
            "the deletion's receipt",
            lambda: (r := service.receipt(flags[1].request_id)).state == "completed" and r,
        )
        assert receipt.deleted["original_audio"] == 1
    finally:
        cluster.stop_all()
        service.close()
