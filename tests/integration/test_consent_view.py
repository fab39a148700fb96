"""A worker's consent view: after fence() returns, every flag acknowledged before is in it."""

from __future__ import annotations

import pytest

from pipeline.consent import CallRef
from pipeline.events import ConsentFlag, utcnow
from pipeline.ids import new_request_id
from tests.integration.cluster import Cluster
from workers.adapters.kafka_bus import KafkaPublisher, create_topics
from workers.adapters.kafka_ledger import KafkaConsentLedger

pytestmark = pytest.mark.integration


def flag(call_id: str) -> ConsentFlag:
    return ConsentFlag(
        request_id=new_request_id(),
        kind="do_not_record",
        scope="call",
        subject_id=call_id,
        accepted_at=utcnow(),
    )


def check_fence_sees_every_acknowledged_flag(cluster: Cluster) -> None:
    kafka = cluster.settings().kafka
    create_topics(kafka)
    reader_publisher = KafkaPublisher(kafka)
    reader = KafkaConsentLedger(kafka, reader_publisher)
    writer = KafkaPublisher(kafka)
    try:
        for round_ in range(3):
            calls = [f"c{round_}-{i}" for i in range(8)]
            for call_id in calls:
                writer.publish("consent", flag(call_id))
            reader.fence()
            for call_id in calls:
                assert reader.flags_for(CallRef(call_id)), f"{call_id} missing after fence"
    finally:
        reader.close()
        for publisher in (reader_publisher, writer):
            publisher.close()


def test_fence_on_an_in_memory_broker(tansu, seaweed, tmp_path):
    check_fence_sees_every_acknowledged_flag(Cluster(tansu, seaweed, tmp_path))


def test_fence_on_a_broker_that_keeps_its_log_in_s3(durable_tansu, seaweed, tmp_path):
    # Tansu on S3 reports stale end offsets; the barrier fence must not trust them.
    check_fence_sees_every_acknowledged_flag(Cluster(durable_tansu, seaweed, tmp_path))


def test_fence_by_end_offsets_where_the_broker_reports_them_exactly(tansu, seaweed, tmp_path):
    cluster = Cluster(tansu, seaweed, tmp_path, extra_env={"VARSAM_KAFKA__FENCE": "end_offsets"})
    check_fence_sees_every_acknowledged_flag(cluster)


def test_a_new_view_is_rebuilt_from_the_topic(tansu, seaweed, tmp_path):
    cluster = Cluster(tansu, seaweed, tmp_path)
    kafka = cluster.settings().kafka
    create_topics(kafka)
    publisher = KafkaPublisher(kafka)
    first = KafkaConsentLedger(kafka, publisher)
    first.record(flag("early"))
    first.close()
    second = KafkaConsentLedger(kafka, publisher)
    try:
        assert [f.subject_id for f in second.flags_since(None)] == ["early"]
    finally:
        second.close()
        publisher.close()
