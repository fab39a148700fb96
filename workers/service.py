"""The requests and queries every backend answers: ingest, flags, receipts, status, export."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path

from config.settings import Settings
from pipeline import events, keys
from pipeline.access_report import access_report
from pipeline.audio import audio_extension, probe_audio
from pipeline.audit import pseudonym
from pipeline.calls import load_meta
from pipeline.consent import CallRef, consent_of
from pipeline.errors import InvalidRequest, UnknownRequest
from pipeline.events import ConsentFlag, RecordingReceived, utcnow
from pipeline.export_manifests import record_export
from pipeline.export_rows import export_rows, still_exportable
from pipeline.ids import new_request_id, validate_id
from pipeline.receipts import Receipt
from pipeline.retention import RetentionPolicy, expire
from pipeline.revocations import Revocation, revocations
from pipeline.stages import ingest, purge
from pipeline.stages.context import StageContext
from pipeline.storage import sha256_file

log = logging.getLogger("varsam")


class CallExists(InvalidRequest):
    """A recording for this call id was already ingested."""

    reason = "call_exists"


class Service:
    """The CLI's (and API's) view of varsam; subclasses say how events travel."""

    ctx: StageContext
    settings: Settings

    def publish(self, topic: str, event: events.Event) -> None:
        """Send an event on its way (queue row, Kafka record)."""
        raise NotImplementedError

    def pending(self, call_id: str) -> int | None:
        """Events of this call still waiting to be processed; None where the backend can't tell."""
        return None

    def failures(self, call_id: str) -> list[str]:
        """Reason codes of this call's dead-lettered events, where the backend can tell."""
        return []

    def after_flag(self) -> None:
        """Called once a flag is published (the embedded mode carries it out at once)."""

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
    ) -> RecordingReceived | None:
        """Validate a recording fully, then land and queue it; nothing is written on error.

        Returns None when consent keeps the call out (a do-not-record or deletion came first).
        """
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
        if self.ctx.store.list(keys.call_prefix(call_id)) or self.pending(call_id):
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
        if not ingest.land(self.ctx, event, lambda: self.ctx.store.put_file(key, path)):
            log.info("call=%s not recorded: consent forbids it", call_id)
            return None
        self.publish(events.RECORDINGS, event)
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
        self.publish(events.CONSENT, flag)
        self.after_flag()
        return flag

    def receipt(self, request_id: str) -> Receipt:
        """The receipt of a deletion or do-not-record request."""
        validate_id(request_id, what="request id")
        return self.ctx.receipts.get(request_id)

    def status(self, call_id: str) -> dict:
        """State, artifacts present and flags of a call; ids and kinds only."""
        validate_id(call_id)
        meta = load_meta(self.ctx.store, call_id)
        ref = meta.ref if meta else CallRef(call_id)
        consent = consent_of(self.ctx.ledger, ref)
        artifacts = sorted(
            {keys.artifact_kind(k) for k in self.ctx.store.list(keys.call_prefix(call_id))}
            - {"other"}
        )
        failures = self.failures(call_id)
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
        elif meta is not None and meta.duration_s is not None:  # probed by the ingest stage
            state = "ingested"
        elif artifacts or self.pending(call_id):
            state = "received"
        else:
            raise UnknownRequest("unknown call id")
        result: dict = {
            "call_id": call_id,
            "state": state,
            "artifacts": artifacts,
            "flags": list(consent.flags),
            "exportable": consent.may_export and "redacted_transcript" in artifacts,
        }
        pending = self.pending(call_id)
        if pending is not None:
            result["pending_events"] = pending
        if meta is not None:
            result.update(language=meta.language, layout=meta.layout, duration_s=meta.duration_s)
        if consent.held:
            result["hold_reason"] = consent.hold_reason
        if failures:
            result["failure"] = failures[-1]
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
        # The manifest lands before the file does, so a flag accepted from here on finds these
        # calls for the revocation feed.
        calls = [r["call_id"] for r in rows]
        export_id = record_export(self.ctx, calls)
        os.replace(tmp, out)
        self.ctx.record(
            "exported", request_id=export_id, detail={"rows": len(rows), "calls": calls}
        )
        return len(rows)

    def revocations(self, since: datetime | None = None) -> list[Revocation]:
        """Exported calls revoked by flags accepted since `since`: the trainers' drop list."""
        return revocations(self.ctx, since)

    def report(self, customer_id: str) -> dict:
        """The access report of one customer."""
        report = access_report(self.ctx, customer_id, self.retention_policy)
        self.ctx.record(
            "access_report",
            subject=pseudonym(self.ctx.audit_secret, "customer", customer_id),
            detail={"calls": len(report["calls"])},
        )
        return report

    def expire(self) -> dict[str, int]:
        """Delete restricted artifacts past their retention period."""
        return expire(self.ctx, self.retention_policy)

    @property
    def retention_policy(self) -> RetentionPolicy:
        """Retention periods from the settings."""
        r = self.settings.retention
        return RetentionPolicy(r.landing_audio_days, r.raw_transcript_days)
