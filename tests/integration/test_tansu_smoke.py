"""kafka-python against a real Tansu broker: topics, keyed acks=all produce, groups, commits."""

from __future__ import annotations

import time

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.errors import IncompatibleBrokerVersion, TopicAlreadyExistsError

from tests.servers import TansuBroker, drain

pytestmark = pytest.mark.integration

# Without these a group join on Tansu waits out the default session timeout (~23 s).
GROUP_TIMEOUTS = {"session_timeout_ms": 6000, "heartbeat_interval_ms": 2000}


def group_consumer(tansu: TansuBroker, topic: str, group: str) -> KafkaConsumer:
    """A consumer in `group` that starts at the beginning and commits only when told."""
    return KafkaConsumer(
        topic,
        bootstrap_servers=tansu.bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **GROUP_TIMEOUTS,
    )


def test_a_topic_is_created_with_three_partitions(tansu: TansuBroker, topic_prefix: str) -> None:
    topic = f"{topic_prefix}ingested"
    admin = tansu.admin()
    try:
        admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
        (described,) = admin.describe_topics([topic])
        assert len(described["partitions"]) == 3
        assert topic in admin.list_topics()
        with pytest.raises(TopicAlreadyExistsError):
            admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    finally:
        admin.close()


def test_keyed_acks_all_produce_is_consumed_by_a_group_and_committed(
    tansu: TansuBroker, topic_prefix: str
) -> None:
    topic, group = f"{topic_prefix}transcribed", f"{topic_prefix}redact"
    admin = tansu.admin()
    admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=tansu.bootstrap, acks="all")
    sent = [
        producer.send(topic, key=f"call-{i % 5}".encode(), value=f"event-{i}".encode()).get(10)
        for i in range(30)
    ]
    producer.close()
    partition_of_key: dict[str, set[int]] = {}
    for i, meta in enumerate(sent):
        partition_of_key.setdefault(f"call-{i % 5}", set()).add(meta.partition)
    assert all(len(parts) == 1 for parts in partition_of_key.values())  # a key keeps its partition

    consumer = group_consumer(tansu, topic, group)
    started = time.monotonic()
    try:
        records = drain(consumer, 30)
        joined_and_read_s = time.monotonic() - started
        consumer.commit()
        partitions = [TopicPartition(topic, p) for p in range(3)]
        committed = {tp: consumer.committed(tp) for tp in partitions}
        end = consumer.end_offsets(partitions)
    finally:
        consumer.close()
    assert sorted(r.value for r in records) == sorted(f"event-{i}".encode() for i in range(30))
    assert joined_and_read_s < 15
    assert committed == end

    again = group_consumer(tansu, topic, group)
    try:
        assert drain(again, 1, timeout_s=5) == []  # the group resumes after its commit
    finally:
        again.close()


def test_a_compacted_topic_can_be_created(tansu: TansuBroker, topic_prefix: str) -> None:
    topic = f"{topic_prefix}consent"
    admin = tansu.admin()
    try:
        admin.create_topics([NewTopic(topic, 1, 1, topic_configs={"cleanup.policy": "compact"})])
        # Tansu reports a topic's own settings as DEFAULT_CONFIG, so ask for every config.
        configs = admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic)], config_filter="all"
        )
    finally:
        admin.close()
    assert configs["topic"][topic]["cleanup.policy"]["value"] == "compact"

    producer = KafkaProducer(bootstrap_servers=tansu.bootstrap, acks="all")
    producer.send(topic, key=b"call-1", value=b"do_not_record").get(10)
    producer.send(topic, key=b"call-2", value=None).get(10)  # a tombstone
    producer.close()
    reader = KafkaConsumer(bootstrap_servers=tansu.bootstrap, enable_auto_commit=False)
    try:
        reader.assign([TopicPartition(topic, 0)])
        reader.seek_to_beginning()
        records = drain(reader, 2, timeout_s=10)
    finally:
        reader.close()
    assert [(r.key, r.value) for r in records] == [(b"call-1", b"do_not_record"), (b"call-2", None)]


def test_adding_partitions_is_not_supported(tansu: TansuBroker, topic_prefix: str) -> None:
    # A known gap: size topics at creation; varsam cannot grow them later on Tansu.
    topic = f"{topic_prefix}grow"
    admin = tansu.admin()
    try:
        admin.create_topics([NewTopic(topic, 1, 1)])
        with pytest.raises(IncompatibleBrokerVersion):
            admin.create_partitions({topic: NewPartitions(total_count=3)})
    finally:
        admin.close()
