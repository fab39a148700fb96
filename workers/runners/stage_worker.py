"""One stage as a Kafka consumer-group member: poll, handle, publish, then commit."""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kafka import ConsumerRebalanceListener

from config.settings import Settings
from pipeline import events
from pipeline.errors import VarsamError
from pipeline.events import utcnow
from pipeline.ids import call_id_of, loggable_key
from pipeline.retention import RetentionPolicy, expire
from pipeline.stages import ingest, purge, redact, transcribe
from pipeline.stages.context import StageContext
from pipeline.storage import StoreUnavailable
from workers.adapters.kafka_bus import (
    BARRIER_KEY_PREFIX,
    BusUnavailable,
    KafkaPublisher,
    group_name,
    topic_name,
)

log = logging.getLogger("varsam.worker")

# Failures of the world around the stage: retried with backoff for as long as they last.
TRANSIENT = (StoreUnavailable, BusUnavailable, ConnectionError, TimeoutError)
# Other unexpected errors are retried this many times, then dead-lettered as internal_error.
MAX_ATTEMPTS = 3
# Refusals by the object store (credentials, policy, a missing bucket, another 4xx): they may be
# fixed by an operator in a while, so they are retried like outages, but only `s3.
# max_refused_attempts` times; one that lasts would otherwise stall its partition for ever.
REFUSALS = frozenset({"store_access_denied", "store_bucket_missing", "store_error"})


@dataclass
class Attempts:
    """One event's failures so far, and whether the next one sends it to the DLQ."""

    max_refused: int
    refused: int = 0
    failed: int = 0

    def dead_letter_reason(self, exc: Exception) -> str | None:
        """Count `exc`; the DLQ reason when the event should give up now, else None (retry)."""
        if isinstance(exc, TRANSIENT):
            reason = getattr(exc, "reason", type(exc).__name__)
            if reason not in REFUSALS:
                return None  # an outage: waited out for as long as it lasts
            self.refused += 1
            return reason if self.refused >= self.max_refused else None
        if isinstance(exc, VarsamError):
            return exc.reason
        self.failed += 1
        return "internal_error" if self.failed >= MAX_ATTEMPTS else None


@dataclass(frozen=True)
class Stage:
    """A stage's input topic, its handler, and the topic its outputs go to."""

    name: str
    source: str
    handle: Callable[..., list]
    output: str | None


STAGES = {
    "ingest": Stage("ingest", events.RECORDINGS, ingest.handle, events.INGESTED),
    "transcribe": Stage("transcribe", events.INGESTED, transcribe.handle, events.TRANSCRIBED),
    "redact": Stage("redact", events.TRANSCRIBED, redact.handle, events.REDACTED),
    "purge": Stage("purge", events.CONSENT, purge.handle, None),
}


class StageWorker:
    """Runs one stage until stopped; offsets are committed only once the outputs are durable.

    Order per record: handle (objects written, consent fenced before and after), publish the
    outputs with acks=all, then commit the record's offset. A crash anywhere before the commit
    means redelivery, which stage idempotency makes harmless.
    """

    def __init__(
        self, settings: Settings, stage: str, ctx: StageContext, publisher: KafkaPublisher
    ) -> None:
        from kafka import KafkaConsumer

        self.settings = settings
        self.stage = STAGES[stage]
        self.ctx = ctx
        self.publisher = publisher
        self.stop = threading.Event()
        self.handled = 0
        self._retention_ran = float("-inf")
        kafka = settings.kafka
        self.consumer = KafkaConsumer(
            bootstrap_servers=kafka.bootstrap_servers.split(","),
            group_id=group_name(kafka, stage),
            client_id=f"varsam-{stage}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=1,
            session_timeout_ms=kafka.session_timeout_ms,
            heartbeat_interval_ms=kafka.heartbeat_interval_ms,
            max_poll_interval_ms=kafka.max_poll_interval_ms,
            request_timeout_ms=max(kafka.request_timeout_ms, kafka.session_timeout_ms + 5000),
        )
        self.consumer.subscribe([topic_name(kafka, self.stage.source)], listener=_Rebalance(stage))

    def install_signal_handlers(self) -> None:
        """SIGTERM and SIGINT finish the in-flight event, commit, and leave the group."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: self.stop.set())

    def run(self, idle_exit_s: float | None = None) -> int:
        """Consume until stopped (or idle for `idle_exit_s`); return the events handled."""
        from kafka.structs import OffsetAndMetadata

        idle_since = time.monotonic()
        try:
            while not self.stop.is_set():
                self._tick()
                batch = self.consumer.poll(timeout_ms=250)
                if not batch:
                    if idle_exit_s is not None and time.monotonic() - idle_since > idle_exit_s:
                        break
                    continue
                for tp, records in batch.items():
                    for record in records:
                        if not self._process(record):
                            return self.handled  # stopped while retrying: hand the event back
                        self.consumer.commit({tp: OffsetAndMetadata(record.offset + 1, "", -1)})
                        self.handled += 1
                idle_since = time.monotonic()
        finally:
            self.consumer.close()
        return self.handled

    def _tick(self) -> None:
        """The purge's periodic work: final sweeps that are due, and retention now and then."""
        if self.stage.name != "purge":
            return
        try:
            purge.sweep_due(self.ctx)
            r = self.settings.retention
            if time.monotonic() - self._retention_ran >= r.interval_s:
                self._retention_ran = time.monotonic()
                policy = RetentionPolicy(r.landing_audio_days, r.raw_transcript_days)
                if expired := expire(self.ctx, policy):
                    log.info("retention removed %s", expired)
        except TRANSIENT as exc:
            log.warning("%s: periodic work postponed (%s)", self.stage.name, type(exc).__name__)

    def _process(self, record) -> bool:
        """Handle one record until it is done or dead-lettered; False if stopped first."""
        if record.key and record.key.startswith(BARRIER_KEY_PREFIX.encode()):
            return True  # a consent view's fence barrier: nothing to carry out
        attempts = Attempts(max_refused=self.settings.s3.max_refused_attempts)
        backoff = self.settings.kafka.retry_backoff_s
        log.info("%s handling %s (partition %d)", self.stage.name, _key(record), record.partition)
        while True:
            started = time.perf_counter()
            try:
                event = events.decode(record.value)
                outputs = self.stage.handle(event, self.ctx)
                for out in outputs:
                    self.publisher.publish(self.stage.output, out)  # type: ignore[arg-type]
                log.info(
                    "%s handled %s in %.2fs",
                    self.stage.name,
                    _key(record),
                    time.perf_counter() - started,
                )
                return True
            except Exception as exc:
                give_up = attempts.dead_letter_reason(exc)
                if give_up is not None:
                    self._dead_letter(record, give_up)
                    return True
                if isinstance(exc, TRANSIENT):
                    log.warning(
                        "%s: %s unavailable, retrying in %.1fs",
                        self.stage.name,
                        getattr(exc, "reason", type(exc).__name__),
                        backoff,
                    )
                else:
                    log.error(
                        "%s failed on %s (%s), attempt %d",
                        self.stage.name,
                        _key(record),
                        type(exc).__name__,
                        attempts.failed,
                    )
            if self.stop.wait(backoff):
                return False
            backoff = min(backoff * 2, self.settings.kafka.retry_backoff_max_s)

    def _dead_letter(self, record, reason: str) -> None:
        # The DLQ record points at the original (topic, partition, offset) instead of copying
        # it: a poison payload may hold anything, and nothing personal may leave its topic.
        entry = {
            "reason": reason,
            "stage": self.stage.name,
            "topic": record.topic,
            "partition": record.partition,
            "offset": record.offset,
            "key": _key(record),
            "at": utcnow().isoformat(),
        }
        while True:
            try:
                self.publisher.publish_raw(events.DLQ, entry["key"], json.dumps(entry).encode())
                break
            except BusUnavailable:
                if self.stop.wait(self.settings.kafka.retry_backoff_s):
                    raise
        call_id = call_id_of(entry["key"])
        self.ctx.record(
            "dead_lettered", call_id=call_id, detail={"reason": reason, "stage": self.stage.name}
        )
        log.warning("%s dead-lettered %s: %s", self.stage.name, entry["key"], reason)

    def close(self) -> None:
        """Stop the loop (the consumer closes as the loop ends)."""
        self.stop.set()


class _Rebalance(ConsumerRebalanceListener):
    """Logs partition assignments, so an operator (and the scaling test) sees the split."""

    def __init__(self, stage: str) -> None:
        self.stage = stage

    def on_partitions_revoked(self, revoked) -> None:
        log.info("%s revoked partitions %s", self.stage, sorted(tp.partition for tp in revoked))

    def on_partitions_assigned(self, assigned) -> None:
        log.info("%s assigned partitions %s", self.stage, sorted(tp.partition for tp in assigned))


def _key(record) -> str:
    # Keys are call ids (or consent subjects); anything else is not repeated in logs.
    try:
        return loggable_key((record.key or b"").decode())
    except UnicodeDecodeError:
        return "-"
