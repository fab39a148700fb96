"""One stage as a Kafka consumer-group member: poll, handle, publish, then commit."""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from kafka import ConsumerRebalanceListener

from config.settings import Settings
from pipeline import events
from pipeline.consent import DELETING_KINDS
from pipeline.errors import VarsamError
from pipeline.events import ConsentFlag, MalformedEvent, utcnow
from pipeline.ids import call_id_of, loggable_key
from pipeline.intents import clear_lapsed
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


# How often the purge looks for final sweeps: often while a deletion waits for a write in
# flight, now and then otherwise (for deletions a purge worker that died left waiting).
SWEEP_BUSY_S = 0.05
SWEEP_IDLE_S = 1.0


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
        self._sweep_next = 0.0
        # Records taken but not yet committed, per partition, in offset order; with the
        # future of the purge thread handling each (None once there is nothing to wait for).
        self._queues: dict[Any, deque] = {}
        threads = settings.consent.purge_threads
        self._pool = (
            ThreadPoolExecutor(threads, thread_name_prefix="purge")
            if stage == "purge" and threads > 1
            else None
        )
        kafka = settings.kafka
        self.consumer = KafkaConsumer(
            bootstrap_servers=kafka.bootstrap_servers.split(","),
            group_id=group_name(kafka, stage),
            client_id=f"varsam-{stage}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            # One call at a time for the heavy stages; the purge reads the consent topic, where
            # every worker's fence barriers pass by in bulk.
            max_poll_records=100 if stage == "purge" else 1,
            session_timeout_ms=kafka.session_timeout_ms,
            heartbeat_interval_ms=kafka.heartbeat_interval_ms,
            max_poll_interval_ms=kafka.max_poll_interval_ms,
            request_timeout_ms=max(kafka.request_timeout_ms, kafka.session_timeout_ms + 5000),
        )
        self.consumer.subscribe(
            [topic_name(kafka, self.stage.source)], listener=_Rebalance(stage, self._drain)
        )

    def install_signal_handlers(self) -> None:
        """SIGTERM and SIGINT finish the in-flight event, commit, and leave the group."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: self.stop.set())

    def run(self, idle_exit_s: float | None = None) -> int:
        """Consume until stopped (or idle for `idle_exit_s`); return the events handled."""
        idle_since = time.monotonic()
        try:
            while not self.stop.is_set():
                self._tick()
                batch = self.consumer.poll(timeout_ms=50 if self._in_flight() else 250)
                if not self._settle():
                    return self.handled  # stopped while retrying: the rest is handed back
                if not batch:
                    idle = time.monotonic() - idle_since
                    if idle_exit_s is not None and idle > idle_exit_s and not self._in_flight():
                        break
                    continue
                for tp, records in batch.items():
                    for record in records:
                        if not self._take(tp, record):
                            return self.handled
                idle_since = time.monotonic()
        finally:
            try:
                self._drain()
            finally:
                self.consumer.close()
                if self._pool is not None:
                    self._pool.shutdown()
        return self.handled

    def _take(self, tp: Any, record: Any) -> bool:
        """Start on a record: a deletion on the purge's threads (deletions commute: each purges
        by prefix and keeps its own receipt), anything else in order once they are done."""
        if _is_barrier(record):
            self._queued(tp).append((record.offset, None))  # nothing to carry out
            return True
        if self._pool is not None and _is_deletion(record):
            self._queued(tp).append((record.offset, self._pool.submit(self._process, record)))
            self._sweep_next = 0.0  # it may wait for a write in flight: look soon
            return True
        if not self._drain() or not self._process(record):
            return False
        self._queued(tp).append((record.offset, None))
        return self._settle()

    def _queued(self, tp: Any) -> deque:
        return self._queues.setdefault(tp, deque())

    def _in_flight(self) -> bool:
        return any(self._queues.values())

    def _settle(self) -> bool:
        """Commit, per partition, every record up to the first one still being handled;
        False when a handler was stopped before it finished (it and the rest are redelivered)."""
        from kafka.structs import OffsetAndMetadata

        offsets, stopped = {}, False
        for tp, queue in self._queues.items():
            while queue and (queue[0][1] is None or queue[0][1].done()):
                offset, future = queue.popleft()
                if future is not None and not future.result():
                    stopped = True
                    queue.clear()
                    break
                offsets[tp] = OffsetAndMetadata(offset + 1, "", -1)
                self.handled += 1
        if offsets:
            self.consumer.commit(offsets)
        return not stopped

    def _drain(self) -> bool:
        """Wait for every deletion in flight and commit; False as _settle."""
        futures = [f for queue in self._queues.values() for _, f in queue if f is not None]
        wait(futures)
        return self._settle()

    def _tick(self) -> None:
        """The purge's periodic work: final sweeps that are due, and retention now and then."""
        if self.stage.name != "purge" or time.monotonic() < self._sweep_next:
            return
        try:
            waiting = purge.sweep(self.ctx)[1]
            self._sweep_next = time.monotonic() + (SWEEP_BUSY_S if waiting else SWEEP_IDLE_S)
            r = self.settings.retention
            if time.monotonic() - self._retention_ran >= r.interval_s:
                self._retention_ran = time.monotonic()
                policy = RetentionPolicy(r.landing_audio_days, r.raw_transcript_days)
                if expired := expire(self.ctx, policy):
                    log.info("retention removed %s", expired)
                # Intents of writers that died, in case no deletion came by to clear them.
                clear_lapsed(self.ctx.intents, self.ctx.clock())
        except TRANSIENT as exc:
            log.warning("%s: periodic work postponed (%s)", self.stage.name, type(exc).__name__)

    def _process(self, record) -> bool:
        """Handle one record until it is done or dead-lettered; False if stopped first."""
        if _is_barrier(record):
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

    def __init__(self, stage: str, drain: Callable[[], bool]) -> None:
        self.stage = stage
        self.drain = drain

    def on_partitions_revoked(self, revoked) -> None:
        log.info("%s revoked partitions %s", self.stage, sorted(tp.partition for tp in revoked))
        self.drain()  # finish and commit what was taken before the partitions move on

    def on_partitions_assigned(self, assigned) -> None:
        log.info("%s assigned partitions %s", self.stage, sorted(tp.partition for tp in assigned))


def _is_barrier(record) -> bool:
    return bool(record.key and record.key.startswith(BARRIER_KEY_PREFIX.encode()))


def _is_deletion(record) -> bool:
    try:
        event = events.decode(record.value)
    except MalformedEvent:
        return False  # handled on its own, and dead-lettered there
    return isinstance(event, ConsentFlag) and event.kind in DELETING_KINDS


def _key(record) -> str:
    # Keys are call ids (or consent subjects); anything else is not repeated in logs.
    try:
        return loggable_key((record.key or b"").decode())
    except UnicodeDecodeError:
        return "-"
