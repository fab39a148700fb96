"""A worker's consent view: the compacted consent topic materialized into SQLite, with fencing."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from config.settings import KafkaSettings
from pipeline import events
from pipeline.consent import CallRef
from pipeline.events import ConsentFlag, MalformedEvent
from workers.adapters.kafka_bus import (
    BARRIER_KEY_PREFIX,
    BusUnavailable,
    KafkaPublisher,
    topic_name,
)
from workers.adapters.sqlite_db import connect_memory
from workers.adapters.sqlite_ledger import SqliteLedger

log = logging.getLogger("varsam.consent")


class KafkaConsentLedger:
    """ConsentLedger over the consent topic.

    `record` produces to the topic (the source of truth) and then fences, so the caller's own
    view includes the flag. `fence` learns where each consent partition ends and consumes until
    the view has reached it: after it returns, every flag acknowledged before the call is in the
    view. The view is rebuilt from the topic at start; it is never the only copy.

    Where a partition ends, two ways (`kafka.fence`): "barrier" appends a marker to every
    partition and takes the offsets the broker acknowledged (a log end no broker can misreport:
    Tansu on S3 storage reports stale end offsets); "end_offsets" asks ListOffsets, with no
    writes, for brokers that answer it exactly (Apache Kafka).
    """

    def __init__(self, settings: KafkaSettings, publisher: KafkaPublisher) -> None:
        from kafka import KafkaConsumer, TopicPartition

        self.settings = settings
        self.publisher = publisher
        self.view = SqliteLedger(connect_memory())
        self.topic = topic_name(settings, events.CONSENT)
        self.consumer = KafkaConsumer(
            bootstrap_servers=settings.bootstrap_servers.split(","),
            request_timeout_ms=settings.request_timeout_ms,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            group_id=None,
            client_id="varsam-consent-view",
        )
        # One consumer, shared by the purge's threads: fences and reads of the view take turns.
        self._lock = threading.RLock()
        self._last_fence_began = float("-inf")
        partitions = self._partitions()
        self.partitions = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        self.consumer.assign(self.partitions)
        self.consumer.seek_to_beginning(*self.partitions)
        self.fence()

    def _partitions(self) -> set[int]:
        deadline = time.monotonic() + self.settings.request_timeout_ms / 1000
        while True:
            partitions = self.consumer.partitions_for_topic(self.topic)
            if partitions:
                return partitions
            if time.monotonic() > deadline:
                raise BusUnavailable("the consent topic does not exist: run `varsam topics create`")
            time.sleep(0.2)

    def record(self, flag: ConsentFlag) -> bool:
        self.publisher.publish(events.CONSENT, flag)
        self.fence()
        return True

    def fence(self) -> None:
        # A fence that began after this call did is as good as one of our own: threads that
        # wait for the lock while one fence runs share the next one.
        called = time.monotonic()
        with self._lock:
            if self._last_fence_began >= called:
                return
            began = time.monotonic()
            self._fence()
            self._last_fence_began = began

    def _fence(self) -> None:
        from kafka.errors import KafkaError

        deadline = time.monotonic() + self.settings.request_timeout_ms / 1000
        try:
            ends = self._log_ends()
            while any(self.consumer.position(tp) < end for tp, end in ends.items()):
                if time.monotonic() > deadline:
                    raise BusUnavailable("consent view could not catch up with the topic")
                for records in self.consumer.poll(timeout_ms=200).values():
                    for record in records:
                        self._apply(record.key, record.value)
        except KafkaError as exc:
            raise BusUnavailable(f"consent topic unavailable ({type(exc).__name__})") from None

    def _log_ends(self) -> dict:
        if self.settings.fence == "end_offsets":
            return self.consumer.end_offsets(self.partitions)
        # Markers share one key per partition, so a compacted topic keeps just the last; they
        # go out together, so a fence costs one round trip to the broker, not one per partition.
        offsets = self.publisher.publish_to_partitions(
            events.CONSENT, BARRIER_KEY_PREFIX, b"{}", [tp.partition for tp in self.partitions]
        )
        return {tp: offsets[tp.partition] + 1 for tp in self.partitions}

    def _apply(self, key: bytes | None, payload: bytes) -> None:
        if key and key.startswith(BARRIER_KEY_PREFIX.encode()):
            return
        try:
            flag = events.decode(payload)
        except MalformedEvent as exc:
            log.warning("skipped a consent record: %s", exc.reason)
            return
        if isinstance(flag, ConsentFlag):
            self.view.record(flag)

    def flags_for(self, call: CallRef) -> list[ConsentFlag]:
        with self._lock:
            return self.view.flags_for(call)

    def flags_since(self, since: datetime | None = None) -> list[ConsentFlag]:
        with self._lock:
            return self.view.flags_since(since)

    def close(self) -> None:
        """Close the view's consumer."""
        self.consumer.close()
