"""The embedded mode: every stage in one process over a local folder and a SQLite file."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from config.settings import Settings
from pipeline import events
from pipeline.consent import DELETING_KINDS
from pipeline.errors import VarsamError
from pipeline.ids import call_id_of, loggable_key
from pipeline.intents import clear_lapsed
from pipeline.pcm_spool import PcmSpool
from pipeline.receipts import Receipt
from pipeline.stages import ingest, purge, redact, transcribe
from pipeline.stages.context import StageContext
from pipeline.storage import StoreUnavailable
from workers.adapters.audit_file import JsonlAuditLog, audit_key
from workers.adapters.local_store import LocalFolderStore
from workers.adapters.private_files import private_dir
from workers.adapters.sqlite_db import connect
from workers.adapters.sqlite_intents import SqliteIntents
from workers.adapters.sqlite_ledger import SqliteLedger
from workers.adapters.sqlite_queue import SqliteQueue
from workers.service import Service

log = logging.getLogger("varsam")

# Consent first, so a flag queued behind a recording still wins the race to it. Then the
# furthest stage first: a call is redacted right after it is transcribed, while its decoded
# audio is still in the PCM spool, and results come out call by call.
TOPIC_ORDER = (events.CONSENT, events.TRANSCRIBED, events.INGESTED, events.RECORDINGS)
MAX_ATTEMPTS = 3


@dataclass
class RunReport:
    """What one `run` did: events handled, events dead-lettered, seconds spent per stage."""

    handled: int = 0
    dead_lettered: int = 0
    retried: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    audio_transcribed_s: float = 0.0
    asr_s: float = 0.0
    # Calls (as logs may name them) whose events were dead-lettered or left for a retry.
    failed_calls: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Events this run could not carry out: dead-lettered, or left pending for a retry."""
        return self.dead_lettered + self.retried

    def note_failure(self, key: str) -> None:
        """Name the call of an event that failed (as logs may show it), once."""
        shown = loggable_key(key)
        if shown not in self.failed_calls:
            self.failed_calls.append(shown)

    @property
    def real_time_factor(self) -> float | None:
        """Seconds of recognition per second of audio, over the calls this run transcribed."""
        return self.asr_s / self.audio_transcribed_s if self.asr_s else None


class Embedded(Service):
    """varsam in one process: the CLI's backend in embedded mode."""

    def __init__(
        self,
        settings: Settings,
        *,
        transcriber_factory: Callable[[], object] | None = None,
        analyzer_factory: Callable[[], tuple[object, dict[str, str]]] | None = None,
    ) -> None:
        self.settings = settings
        # Customer ids, call links and hold reasons live here: the owner's eyes only.
        self.data_dir = private_dir(Path(settings.data_dir))
        self.store = LocalFolderStore(self.data_dir / "objects")
        self.conn = connect(self.data_dir / "varsam.db")
        self.ledger = SqliteLedger(self.conn)
        self.queue = SqliteQueue(
            self.conn, consumed_topics=TOPIC_ORDER, lease_s=settings.embedded.claim_lease_s
        )
        self.audit = JsonlAuditLog(self.data_dir / "audit.jsonl")
        self._transcriber_factory = transcriber_factory or self._default_transcriber
        self._analyzer_factory = analyzer_factory or self._default_analyzer
        self.ctx = StageContext(
            store=self.store,
            ledger=self.ledger,
            audit=self.audit,
            audit_secret=self._secret(),
            # Intents in the same SQLite file, so a CLI process's purge sees a runner's writes.
            intents=SqliteIntents(self.conn),
            write_lease_s=settings.consent.embedded_write_lease_s,
            lease_skew_s=0.0,  # one machine, one clock
            max_audio_s=settings.audio.max_duration_s,
            # Transcribe and redact run in this process: the audio is decoded once.
            pcm_spool=PcmSpool(),
        )
        redact.configure(self.ctx, settings.redaction)

    # Whether after_flag carries a flag out in this instance (the API hands it to its
    # pipeline thread instead, see workers/api/backend.py).
    carries_out_its_flags = True

    def publish(self, topic: str, event: events.Event) -> None:
        # A flag is carried out by the process that accepted it, at once (after_flag): it is
        # published already claimed by this process, so that a runner busy with a call cannot
        # take it and keep the receipt waiting until the call is done. Should this process
        # die first, the runner takes the claim over (its owner is gone).
        claimed = topic == events.CONSENT and self.carries_out_its_flags
        self.queue.publish(topic, event, claimed=claimed)
        if topic == events.CONSENT and event.kind in DELETING_KINDS:  # type: ignore[union-attr]
            self.conn.execute(
                "INSERT OR IGNORE INTO scrub_due (request_id) VALUES (?)",
                (event.request_id,),  # type: ignore[union-attr]
            )

    def pending(self, call_id: str) -> int:
        return self.queue.pending(call_id)

    def failures(self, call_id: str) -> list[str]:
        return [d.reason for d in self.queue.dead_letters(call_id)]

    def after_flag(self) -> None:
        # Carry the flag out now, and wait for the writes in flight it overlaps (at most one
        # lease) for the final sweep, so the command answers with a completed (or held) receipt.
        self.run(topics=(events.CONSENT,))
        give_up = time.monotonic() + self.ctx.write_lease_s + 1
        while self.store.list(purge.PENDING_PREFIX) and time.monotonic() < give_up:
            time.sleep(0.01)
            purge.sweep_due(self.ctx)
            self.scrub_completed()

    def receipt(self, request_id: str) -> Receipt:
        # A deletion another process carries out at the same time may still wait for a write
        # in flight (at most one lease): answer once it is settled.
        give_up = time.monotonic() + self.ctx.write_lease_s + 1
        while True:
            purge.sweep_due(self.ctx)
            self.scrub_completed()
            receipt = super().receipt(request_id)
            if receipt.state != "pending" or time.monotonic() > give_up:
                return receipt
            time.sleep(0.01)

    def scrub_completed(self) -> int:
        """Remove the queue rows of calls whose deletion completed; return how many went."""
        removed = 0
        due = [row[0] for row in self.conn.execute("SELECT request_id FROM scrub_due")]
        for request_id in due:
            receipt = self.ctx.receipts.find(request_id)
            if receipt is not None and receipt.state != "completed":
                continue
            if receipt is not None:
                removed += self.queue.scrub(receipt.calls)
            self.conn.execute("DELETE FROM scrub_due WHERE request_id = ?", (request_id,))
        return removed

    def audit_trail(self, since: datetime | None = None, limit: int = 1000) -> list[dict]:
        records = self.audit.read()
        if since is not None:
            records = [r for r in records if datetime.fromisoformat(r["at"]) >= since]
        return records[:limit]

    def dead_letter_count(self) -> int:
        return len(self.queue.dead_letters())

    def on_handled(self, topic: str, seconds: float, outputs: list[events.Event]) -> None:
        """Called after each event a run handles (`varsam serve` keeps metrics with it)."""

    # -- processing ---------------------------------------------------------------------------

    def calls_to_transcribe(self) -> int:
        """Calls queued that have not been transcribed yet (for progress)."""
        return self.queue.pending_on((events.RECORDINGS, events.INGESTED))

    def run(
        self,
        topics: tuple[str, ...] = TOPIC_ORDER,
        on_transcribed: Callable[[float, float], None] | None = None,
    ) -> RunReport:
        """Process every pending event until the queue is idle.

        `on_transcribed(audio seconds, recognition seconds)` is told of each call that leaves
        the way to transcription: transcribed, refused or dead-lettered (zero seconds).
        """
        handlers = {
            events.CONSENT: purge.handle,
            events.RECORDINGS: ingest.handle,
            events.INGESTED: transcribe.handle,
            events.TRANSCRIBED: redact.handle,
        }
        outputs_topic = {
            "call.ingested": events.INGESTED,
            "call.transcribed": events.TRANSCRIBED,
            "call.redacted": events.REDACTED,
        }
        report, skip = RunReport(), set()
        while (item := self.queue.claim_next(topics, skip)) is not None:
            started = time.perf_counter()
            try:
                event = events.decode(item.payload)
                self._prepare(item.topic)
                outputs = handlers[item.topic](event, self.ctx)
            except StoreUnavailable as exc:
                # Transient (a full disk, an overrun write deadline): left pending for the next run.
                log.warning(
                    "%s: %s for %s, retried later", item.topic, exc.reason, loggable_key(item.key)
                )
                self.queue.release(item.seq)
                report.retried += 1
                report.note_failure(item.key)
                skip.add(item.seq)
                continue
            except VarsamError as exc:
                self.queue.dead_letter(item.seq, exc.reason)
                if on_transcribed is not None and item.topic in (
                    events.RECORDINGS,
                    events.INGESTED,
                ):
                    on_transcribed(0.0, 0.0)
                self.ctx.record(
                    "dead_lettered",
                    call_id=call_id_of(item.key),
                    detail={"reason": exc.reason, "topic": item.topic},
                )
                log.warning(
                    "dead-lettered %s event for %s: %s",
                    item.topic,
                    loggable_key(item.key),
                    exc.reason,
                )
                report.dead_lettered += 1
                report.note_failure(item.key)
                continue
            except Exception as exc:
                attempts = self.queue.retry_later(item.seq)
                log.error(
                    "%s stage failed for %s (%s), attempt %d",
                    item.topic,
                    loggable_key(item.key),
                    type(exc).__name__,
                    attempts,
                )
                if attempts >= MAX_ATTEMPTS:
                    self.queue.dead_letter(item.seq, "internal_error")
                    report.dead_lettered += 1
                    if on_transcribed is not None and item.topic in (
                        events.RECORDINGS,
                        events.INGESTED,
                    ):
                        on_transcribed(0.0, 0.0)
                else:
                    report.retried += 1
                report.note_failure(item.key)
                skip.add(item.seq)
                continue
            if not self.queue.settle(item.seq, [(outputs_topic[o.type], o) for o in outputs]):
                # Another runner took the event over (an expired lease) or a deletion scrubbed
                # it: its outputs are that runner's to publish, or nobody's.
                log.warning("%s claim lost for %s", item.topic, loggable_key(item.key))
                continue
            for out in outputs:
                if out.type == "call.transcribed" and out.asr_seconds:
                    report.audio_transcribed_s += out.duration_s
                    report.asr_s += out.asr_seconds
            if on_transcribed is not None and item.topic == events.INGESTED:
                done = [o for o in outputs if o.type == "call.transcribed"]
                on_transcribed(sum(o.duration_s for o in done), sum(o.asr_seconds for o in done))
            elif on_transcribed is not None and item.topic == events.RECORDINGS and not outputs:
                on_transcribed(0.0, 0.0)  # refused at ingest: it will not be transcribed
            elapsed = time.perf_counter() - started
            self.on_handled(item.topic, elapsed, outputs)
            report.handled += 1
            report.seconds[item.topic] = report.seconds.get(item.topic, 0.0) + elapsed
            log.info("%s handled for %s in %.2fs", item.topic, loggable_key(item.key), elapsed)
        purge.sweep_due(self.ctx)
        self.scrub_completed()
        if self.ctx.pcm_spool is not None:
            # The queue is idle: decoded audio not used by now (a call flagged between its
            # transcription and its redaction) has no reader left, and is personal data.
            self.ctx.pcm_spool.clear()
        if topics == TOPIC_ORDER:
            self.expire()
            clear_lapsed(self.ctx.intents, self.ctx.clock())  # intents of a runner that died
        return report

    def _prepare(self, topic: str) -> None:
        # Models load once per process, and only when a stage that needs them has work.
        if topic == events.INGESTED and self.ctx.transcriber is None:
            self.ctx.transcriber = self._transcriber_factory()  # type: ignore[assignment]
        if topic == events.TRANSCRIBED and self.ctx.analyzer is None:
            analyzer, versions = self._analyzer_factory()
            self.ctx.analyzer, self.ctx.analyzer_versions = analyzer, versions  # type: ignore[assignment]

    # -- wiring -------------------------------------------------------------------------------

    def _secret(self) -> bytes:
        # Per-installation key for audit pseudonyms; created once, readable by the owner only.
        return audit_key(self.data_dir / "audit.key")

    def _default_transcriber(self) -> object:
        from models.asr import transcriber_from

        return transcriber_from(self.settings.asr, self.settings.audio.max_duration_s)

    def _default_analyzer(self) -> tuple[object, dict[str, str]]:
        from models.redaction import build_analyzer

        return build_analyzer(self.settings.redaction)

    def close(self) -> None:
        """Close the database and delete any decoded audio left in the spool."""
        if self.ctx.pcm_spool is not None:
            self.ctx.pcm_spool.close()
        self.conn.close()
