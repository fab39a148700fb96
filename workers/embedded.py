"""The embedded mode: every stage in one process over a local folder and a SQLite file."""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from config.settings import Settings
from pipeline import events, keys
from pipeline.audio import audio_extension, probe_audio
from pipeline.calls import load_meta
from pipeline.consent import CallRef, consent_of
from pipeline.errors import InvalidRequest, UnknownRequest, VarsamError
from pipeline.events import ConsentFlag, RecordingReceived, utcnow
from pipeline.export import export_rows, still_exportable
from pipeline.ids import new_request_id, validate_id
from pipeline.receipts import Receipt
from pipeline.stages import ingest, purge, redact, transcribe
from pipeline.stages.context import StageContext
from pipeline.storage import sha256_file
from workers.audit_file import JsonlAuditLog
from workers.local_store import LocalFolderStore
from workers.sqlite_db import connect
from workers.sqlite_ledger import SqliteLedger
from workers.sqlite_queue import SqliteQueue

log = logging.getLogger("varsam")

# Consent first, so a flag queued behind a recording still wins the race to it.
TOPIC_ORDER = (events.CONSENT, events.RECORDINGS, events.INGESTED, events.TRANSCRIBED)
MAX_ATTEMPTS = 3


class CallExists(InvalidRequest):
    """A recording for this call id was already ingested."""

    reason = "call_exists"


@dataclass
class RunReport:
    """What one `run` did: events handled, events dead-lettered, seconds spent per stage."""

    handled: int = 0
    dead_lettered: int = 0
    retried: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    audio_transcribed_s: float = 0.0
    asr_s: float = 0.0

    @property
    def real_time_factor(self) -> float | None:
        """Seconds of recognition per second of audio, over the calls this run transcribed."""
        return self.asr_s / self.audio_transcribed_s if self.asr_s else None


class Embedded:
    """varsam in one process: the CLI's backend in embedded mode."""

    def __init__(
        self,
        settings: Settings,
        *,
        transcriber_factory: Callable[[], object] | None = None,
        analyzer_factory: Callable[[], tuple[object, dict[str, str]]] | None = None,
    ) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self.store = LocalFolderStore(self.data_dir / "objects")
        self.conn = connect(self.data_dir / "varsam.db")
        self.ledger = SqliteLedger(self.conn)
        self.queue = SqliteQueue(self.conn)
        self.audit = JsonlAuditLog(self.data_dir / "audit.jsonl")
        self._transcriber_factory = transcriber_factory or self._default_transcriber
        self._analyzer_factory = analyzer_factory or self._default_analyzer
        self.ctx = StageContext(
            store=self.store,
            ledger=self.ledger,
            audit=self.audit,
            audit_secret=self._secret(),
        )

    # -- requests -----------------------------------------------------------------------------

    def ingest(
        self,
        path: Path,
        *,
        call_id: str,
        customer_id: str | None = None,
        agent_id: str | None = None,
        language: str | None = None,
        layout: str = "mono",
        started_at: datetime | None = None,
    ) -> RecordingReceived:
        """Validate a recording fully, then land and queue it; nothing is written on error."""
        validate_id(call_id)
        if customer_id is not None:
            validate_id(customer_id, what="customer id")
        if agent_id is not None:
            validate_id(agent_id, what="agent id")
        if layout not in ("mono", "stereo"):
            raise InvalidRequest("layout must be mono or stereo")
        path = Path(path)
        if not path.is_file():
            raise InvalidRequest(f"no such file: {path}", reason="missing_file")
        ext = audio_extension(path)
        info = probe_audio(path)
        if layout == "stereo" and info.channels < 2:
            raise InvalidRequest("--layout stereo needs a recording with two channels")
        if self.store.list(keys.call_prefix(call_id)) or self.queue.pending(call_id):
            raise CallExists("a recording with this call id was already ingested")
        key = keys.original_audio(call_id, ext)
        event = RecordingReceived(
            call_id=call_id,
            audio_key=key,
            audio_sha256=sha256_file(path),
            size_bytes=path.stat().st_size,
            layout=layout,  # type: ignore[arg-type]
            language=language,
            customer_id=customer_id,
            agent_id=agent_id,
            started_at=started_at or utcnow(),
        )
        self.store.put_file(key, path)
        self.queue.publish(events.RECORDINGS, event)
        log.info(
            "ingested call=%s duration=%.1fs channels=%d", call_id, info.duration_s, info.channels
        )
        return event

    def flag(
        self,
        kind: str,
        *,
        call_id: str | None = None,
        customer_id: str | None = None,
        by: str | None = None,
        reason: str | None = None,
    ) -> ConsentFlag:
        """Accept a consent flag and carry it out at once (purge, hold, release)."""
        if (call_id is None) == (customer_id is None):
            raise InvalidRequest("give exactly one of --call-id or --customer-id")
        if kind == "do_not_record" and call_id is None:
            raise InvalidRequest("do-not-record applies to one call: use --call-id")
        scope, subject = ("call", call_id) if call_id else ("customer", customer_id)
        try:
            flag = ConsentFlag(
                request_id=new_request_id(),
                kind=kind,  # type: ignore[arg-type]
                scope=scope,  # type: ignore[arg-type]
                subject_id=subject,  # type: ignore[arg-type]
                accepted_at=utcnow(),
                by=by,
                reason=reason,
            )
        except ValueError:
            validate_id(subject or "", what=f"{scope} id")
            if by is not None:
                validate_id(by, what="agent id")
            raise InvalidRequest("invalid flag") from None
        purge.accept_flag(self.ctx, flag)
        self.queue.publish(events.CONSENT, flag)
        self.run(topics=(events.CONSENT,))
        return flag

    def receipt(self, request_id: str) -> Receipt:
        """The receipt of a deletion or do-not-record request."""
        validate_id(request_id, what="request id")
        return self.ctx.receipts.get(request_id)

    # -- processing ---------------------------------------------------------------------------

    def run(self, topics: tuple[str, ...] = TOPIC_ORDER) -> RunReport:
        """Process every pending event until the queue is idle."""
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
        while (item := self.queue.next_pending(topics, skip)) is not None:
            started = time.perf_counter()
            try:
                event = events.decode(item.payload)
                self._prepare(item.topic)
                outputs = handlers[item.topic](event, self.ctx)
            except VarsamError as exc:
                self.queue.dead_letter(item.seq, exc.reason)
                self.ctx.record(
                    "dead_lettered",
                    call_id=_safe_key(item.key),
                    detail={"reason": exc.reason, "topic": item.topic},
                )
                log.warning(
                    "dead-lettered %s event for %s: %s", item.topic, _safe_key(item.key), exc.reason
                )
                report.dead_lettered += 1
                continue
            except Exception as exc:
                attempts = self.queue.retry_later(item.seq)
                log.error(
                    "%s stage failed for %s (%s), attempt %d",
                    item.topic,
                    _safe_key(item.key),
                    type(exc).__name__,
                    attempts,
                )
                if attempts >= MAX_ATTEMPTS:
                    self.queue.dead_letter(item.seq, "internal_error")
                    report.dead_lettered += 1
                else:
                    report.retried += 1
                skip.add(item.seq)
                continue
            self.queue.settle(item.seq, [(outputs_topic[o.type], o) for o in outputs])
            for out in outputs:
                if out.type == "call.transcribed" and out.asr_seconds:
                    report.audio_transcribed_s += out.duration_s
                    report.asr_s += out.asr_seconds
            elapsed = time.perf_counter() - started
            report.handled += 1
            report.seconds[item.topic] = report.seconds.get(item.topic, 0.0) + elapsed
            log.info("%s handled for %s in %.2fs", item.topic, _safe_key(item.key), elapsed)
        return report

    def _prepare(self, topic: str) -> None:
        # Models load once per process, and only when a stage that needs them has work.
        if topic == events.INGESTED and self.ctx.transcriber is None:
            self.ctx.transcriber = self._transcriber_factory()  # type: ignore[assignment]
        if topic == events.TRANSCRIBED and self.ctx.analyzer is None:
            analyzer, versions = self._analyzer_factory()
            self.ctx.analyzer, self.ctx.analyzer_versions = analyzer, versions  # type: ignore[assignment]

    # -- queries ------------------------------------------------------------------------------

    def status(self, call_id: str) -> dict:
        """State, artifacts present and flags of a call; ids and kinds only."""
        validate_id(call_id)
        meta = load_meta(self.store, call_id)
        ref = meta.ref if meta else CallRef(call_id)
        consent = consent_of(self.ledger, ref)
        artifacts = sorted(
            {keys.artifact_kind(k) for k in self.store.list(keys.call_prefix(call_id))} - {"other"}
        )
        failures = self.queue.dead_letters(call_id)
        if consent.deleted and consent.held:
            state = "held"
        elif consent.do_not_record:
            state = "not_recorded"
        elif consent.deleted:
            state = "deleted"
        elif failures:
            state = "failed"
        elif "redacted_transcript" in artifacts:
            state = "redacted"
        elif "raw_transcript" in artifacts:
            state = "transcribed"
        elif meta is not None:
            state = "ingested"
        elif artifacts or self.queue.pending(call_id):
            state = "received"
        else:
            raise UnknownRequest("unknown call id")
        result: dict = {
            "call_id": call_id,
            "state": state,
            "artifacts": artifacts,
            "flags": list(consent.flags),
            "exportable": consent.may_export and "redacted_transcript" in artifacts,
            "pending_events": self.queue.pending(call_id),
        }
        if meta is not None:
            result.update(language=meta.language, layout=meta.layout, duration_s=meta.duration_s)
        if consent.held:
            result["hold_reason"] = consent.hold_reason
        if failures:
            result["failure"] = failures[-1].reason
        return result

    def export(self, out: Path, since: datetime | None = None) -> int:
        """Write the training export (JSON lines) atomically; return the number of rows."""
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        rows = list(export_rows(self.ctx, since))
        # Fence once more: a flag accepted while the rows were gathered keeps its call out.
        allowed = still_exportable(self.ctx, [r["call_id"] for r in rows])
        rows = [r for r in rows if r["call_id"] in allowed]
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        os.replace(tmp, out)
        self.ctx.record(
            "exported", detail={"rows": len(rows), "calls": [r["call_id"] for r in rows]}
        )
        return len(rows)

    # -- wiring -------------------------------------------------------------------------------

    def _secret(self) -> bytes:
        # Per-installation key for audit pseudonyms; created once, readable by the owner only.
        path = self.data_dir / "audit.key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        return bytes.fromhex(path.read_text().strip())

    def _default_transcriber(self) -> object:
        from models.asr import AsrOptions, WhisperTranscriber

        asr = self.settings.asr
        options = AsrOptions(
            model=asr.model,
            device=asr.device,
            compute_type=asr.compute_type,
            beam_size=asr.beam_size,
            vad_filter=asr.vad_filter,
            cpu_threads=asr.cpu_threads,
            cache_dir=Path(asr.cache_dir),
        )
        return WhisperTranscriber(options)

    def _default_analyzer(self) -> tuple[object, dict[str, str]]:
        from models.redaction import build_analyzer

        return build_analyzer(self.settings.redaction)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()


def _safe_key(key: str) -> str:
    # Queue keys are validated call ids or "scope:subject"; customer subjects stay out of logs.
    return key if not key.startswith("customer:") else "customer:<id>"
