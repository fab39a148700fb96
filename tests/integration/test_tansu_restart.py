"""A Tansu broker that keeps its log in SeaweedFS loses nothing when it restarts."""

from __future__ import annotations

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

from tests.servers import TansuBroker, drain

pytestmark = pytest.mark.integration


def test_messages_and_commits_survive_a_broker_restart(
    durable_tansu: TansuBroker, topic_prefix: str
) -> None:
    topic, group = f"{topic_prefix}recordings", f"{topic_prefix}ingest"
    admin = durable_tansu.admin()
    admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=durable_tansu.bootstrap, acks="all")
    for i in range(10):
        producer.send(topic, key=f"call-{i}".encode(), value=f"recording-{i}".encode()).get(10)
    producer.close()

    durable_tansu.restart()

    def consumer() -> KafkaConsumer:
        return KafkaConsumer(
            topic,
            bootstrap_servers=durable_tansu.bootstrap,
            group_id=group,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            session_timeout_ms=6000,
            heartbeat_interval_ms=2000,
        )

    partitions = [TopicPartition(topic, p) for p in range(3)]
    first = consumer()
    try:
        records = drain(first, 10)
        first.commit()
        committed = {tp: first.committed(tp) or 0 for tp in partitions}
    finally:
        first.close()
    assert sorted(r.value for r in records) == sorted(f"recording-{i}".encode() for i in range(10))
    assert sum(committed.values()) == 10

    durable_tansu.restart()

    second = consumer()
    try:
        assert drain(second, 1, timeout_s=5) == []  # the committed offsets came back too
        assert {tp: second.committed(tp) or 0 for tp in partitions} == committed
    finally:
        second.close()
    # Not end_offsets(): on s3:// storage Tansu 0.6 can report a stale latest offset.
