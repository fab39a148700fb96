"""Kafka adapters: topic names, topic creation, and the producer every process publishes with."""

from __future__ import annotations

import json
import logging
import time
import zlib
from datetime import datetime

from config.settings import KafkaSettings
from pipeline import events
from pipeline.errors import VarsamError

log = logging.getLogger("varsam.kafka")

# Key prefix of the consent fence barriers (adapters.kafka_ledger): markers, not flags.
BARRIER_KEY_PREFIX = "fence-barrier/"

CALL_TOPICS = (events.RECORDINGS, events.INGESTED, events.TRANSCRIBED, events.REDACTED)
ALL_TOPICS = (*CALL_TOPICS, events.CONSENT, events.AUDIT, events.DLQ)


class BusUnavailable(VarsamError):
    """The broker cannot be reached or did not acknowledge a write."""

    reason = "bus_unavailable"


def topic_name(settings: KafkaSettings, topic: str) -> str:
    """The deployment's name of a pipeline topic."""
    return f"{settings.topic_prefix}{topic}"


def group_name(settings: KafkaSettings, stage: str) -> str:
    """The consumer group of a stage."""
    return f"{settings.group_prefix}{stage}"


def _client_options(settings: KafkaSettings) -> dict:
    return {
        "bootstrap_servers": settings.bootstrap_servers.split(","),
        "request_timeout_ms": settings.request_timeout_ms,
    }


def create_topics(settings: KafkaSettings) -> list[str]:
    """Create every topic varsam uses (consent compacted); return the ones that were new."""
    from kafka.admin import KafkaAdminClient, NewTopic
    from kafka.errors import TopicAlreadyExistsError

    admin = KafkaAdminClient(**_client_options(settings), client_id="varsam-admin")
    try:
        existing = set(admin.list_topics())
        wanted = []
        for topic in ALL_TOPICS:
            name = topic_name(settings, topic)
            if name in existing:
                continue
            configs = {"cleanup.policy": "compact"} if topic == events.CONSENT else {}
            # The consent topic is read whole by every worker; a few partitions keep that cheap.
            partitions = (
                min(settings.partitions, 3) if topic == events.CONSENT else settings.partitions
            )
            wanted.append(
                NewTopic(
                    name=name,
                    num_partitions=partitions,
                    replication_factor=settings.replication_factor,
                    topic_configs=configs,
                )
            )
        for topic in wanted:
            try:
                admin.create_topics([topic])
            except TopicAlreadyExistsError:
                continue
        return [t.name for t in wanted]
    finally:
        admin.close()


class KafkaPublisher:
    """Publishes pipeline events with acks=all, keyed by call (or consent subject)."""

    def __init__(self, settings: KafkaSettings, client_id: str = "varsam") -> None:
        from kafka import KafkaProducer

        self.settings = settings
        self.producer = KafkaProducer(
            **_client_options(settings),
            client_id=client_id,
            acks="all",
            retries=10,
            linger_ms=5,
            max_in_flight_requests_per_connection=1,
        )

    def publish(self, topic: str, event: events.Event) -> None:
        """Publish one event and wait until the broker has it."""
        if isinstance(event, events.ConsentFlag):
            # The consent topic is compacted: each flag needs a key of its own to survive
            # compaction, while the subject alone picks the partition, keeping its flags ordered.
            key = f"{event.key}/{event.request_id}"
            self.publish_raw(topic, key, events.encode(event), partition_by=event.key)
        else:
            self.publish_raw(topic, event.key, events.encode(event))

    def publish_raw(
        self,
        topic: str,
        key: str,
        payload: bytes,
        *,
        partition_by: str | None = None,
        partition: int | None = None,
    ) -> int:
        """Publish bytes and wait for the broker's ack; return the record's offset.

        `partition_by` picks the partition from a stable hash of that string; `partition`
        names it outright; with neither, the key decides.
        """
        from kafka.errors import KafkaError

        name = topic_name(self.settings, topic)
        try:
            if partition_by is not None:
                count = len(self.producer.partitions_for(name))
                partition = zlib.crc32(partition_by.encode()) % count
            future = self.producer.send(name, key=key.encode(), value=payload, partition=partition)
            return future.get(timeout=self.settings.request_timeout_ms / 1000).offset
        except KafkaError as exc:
            raise BusUnavailable(f"broker did not acknowledge ({type(exc).__name__})") from None

    def publish_to_partitions(self, topic: str, key_prefix: str, payload: bytes, partitions):
        """Publish `payload` to each of `partitions` (keyed `key_prefix` + partition), all sent
        before any is waited for; return {partition: offset} once the broker has them all."""
        from kafka.errors import KafkaError

        name = topic_name(self.settings, topic)
        try:
            futures = {
                p: self.producer.send(
                    name, key=f"{key_prefix}{p}".encode(), value=payload, partition=p
                )
                for p in partitions
            }
            timeout = self.settings.request_timeout_ms / 1000
            return {p: future.get(timeout=timeout).offset for p, future in futures.items()}
        except KafkaError as exc:
            raise BusUnavailable(f"broker did not acknowledge ({type(exc).__name__})") from None

    def close(self) -> None:
        """Flush and close the producer."""
        self.producer.flush()
        self.producer.close()


class KafkaAuditLog:
    """Audit records on the audit topic, keyed by request (or call) id."""

    def __init__(self, publisher: KafkaPublisher) -> None:
        self.publisher = publisher

    def append(self, record) -> None:
        body = json.dumps(record.to_json(), sort_keys=True).encode()
        self.publisher.publish_raw(events.AUDIT, record.request_id or record.call_id or "-", body)


def _reader(settings: KafkaSettings, topic: str):
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(
        **_client_options(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        group_id=None,
        client_id="varsam-reader",
    )
    name = topic_name(settings, topic)
    parts = [TopicPartition(name, p) for p in sorted(consumer.partitions_for_topic(name) or ())]
    return consumer, parts


def topic_size(settings: KafkaSettings, topic: str) -> int:
    """Records a topic holds (end minus beginning offsets, over its partitions)."""
    from kafka.errors import KafkaError

    consumer, parts = _reader(settings, topic)
    try:
        ends, starts = consumer.end_offsets(parts), consumer.beginning_offsets(parts)
        return sum(ends[tp] - starts[tp] for tp in parts)
    except KafkaError as exc:
        raise BusUnavailable(f"broker did not answer ({type(exc).__name__})") from None
    finally:
        consumer.close()


def read_topic_json(
    settings: KafkaSettings, topic: str, since: datetime | None, limit: int
) -> list[dict]:
    """A topic's JSON records (with an "at" time) at or after `since`, oldest first, read up to
    the end the broker reports now."""
    from kafka.errors import KafkaError

    consumer, parts = _reader(settings, topic)
    found: list[dict] = []
    try:
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        ends = consumer.end_offsets(parts)
        deadline = time.monotonic() + settings.request_timeout_ms / 1000
        while any(consumer.position(tp) < ends[tp] for tp in parts):
            if time.monotonic() > deadline:
                raise BusUnavailable("could not read the topic to its end")
            for records in consumer.poll(timeout_ms=200).values():
                for record in records:
                    try:
                        data = json.loads(record.value)
                        at = datetime.fromisoformat(data["at"])
                    except (ValueError, KeyError, TypeError):
                        continue
                    if since is None or at >= since:
                        found.append(data)
    except KafkaError as exc:
        raise BusUnavailable(f"broker did not answer ({type(exc).__name__})") from None
    finally:
        consumer.close()
    found.sort(key=lambda r: r["at"])
    return found[:limit]
