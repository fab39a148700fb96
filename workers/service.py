"""The requests and queries every backend answers: ingest, flags, receipts, status, export."""

from __future__ import annotations

import hmac
import json
import logging
import time
from datetime import datetime, timedelta
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
from pipeline.reasons import clean_reason
from pipeline.receipts import Receipt
from pipeline.retention import RetentionPolicy, expire
from pipeline.revocations import Revocation, revocations
from pipeline.stages import ingest, purge
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound, sha256_file
from workers.adapters.output_file import check_output, replacing

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

    def queue_flag(self, flag: ConsentFlag) -> None:
        """Hand an accepted flag to the purge stage (the embedded mode's queue)."""
        self.publish(events.CONSENT, flag)

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
        max_duration_s: float | None = None,
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
        if language is not None:
            language = self.check_language(language)
        path = Path(path)
        if not path.is_file():
            raise InvalidRequest(f"no such file: {path}", reason="missing_file")
        ext = audio_extension(path)
        info = probe_audio(path, self.ctx.max_audio_s)
        if max_duration_s is not None and info.duration_s > max_duration_s:
            raise InvalidRequest("the recording is longer than allowed", reason="too_long")
        if layout == "stereo" and info.channels < 2:
            raise InvalidRequest("--layout stereo needs a recording with two channels")
        started_at = started_at or utcnow()
        consent = self.ctx.consent(CallRef(call_id, customer_id, started_at))
        if consent.must_purge:
            # A deleted or do-not-record call id stays refused, whatever is left of it.
            self.ctx.record(
                "refused_at_landing", call_id=call_id, detail={"flags": list(consent.flags)}
            )
            log.info("call=%s not recorded: consent forbids it", call_id)
            return None
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
            started_at=started_at,
        )
        events.ensure_fits(event)
        if not ingest.land(self.ctx, event, lambda: self.ctx.store.put_file(key, path)):
            log.info("call=%s not recorded: consent forbids it", call_id)
            return None
        self.publish(events.RECORDINGS, event)
        log.info(
            "ingested call=%s duration=%.1fs channels=%d", call_id, info.duration_s, info.channels
        )
        return event

    def check_language(self, language: str) -> str:
        """The language code as the ASR names it; InvalidRequest if the model does not know it."""
        from models.languages import asr_languages

        code = language.strip().lower()
        if code not in asr_languages(self.settings.asr):
            raise InvalidRequest(
                "unsupported --language: give a code the speech model knows (en, sv, no, da,"
                " fi, de ...), or leave it out to detect the language",
                reason="unsupported_language",
            )
        return code

    def flag(
        self,
        kind: str,
        *,
        call_id: str | None = None,
        customer_id: str | None = None,
        by: str | None = None,
        reason: str | None = None,
        request_id: str | None = None,
    ) -> ConsentFlag:
        """Accept a consent flag and carry it out at once (purge, hold, release)."""
        if (call_id is None) == (customer_id is None):
            raise InvalidRequest("give exactly one of --call-id or --customer-id")
        if kind == "do_not_record" and call_id is None:
            raise InvalidRequest("do-not-record applies to one call: use --call-id")
        scope, subject = ("call", call_id) if call_id else ("customer", customer_id)
        # Checked and redacted here, before anything is accepted: a reason is shown in status,
        # receipts and reports, and travels in the consent event.
        reason = clean_reason(reason)
        try:
            flag = ConsentFlag(
                request_id=request_id or new_request_id(),
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
        events.ensure_fits(flag)
        purge.accept_flag(self.ctx, flag)
        self.queue_flag(flag)
        self.after_flag()
        return flag

    def do_not_record(self, call_id: str, *, by: str | None = None) -> tuple[ConsentFlag, bool]:
        """Flag a call do-not-record, idempotently: (the flag, True if it is new).

        A call already flagged keeps its first flag; concurrent repeats get one request id
        derived from the call id, so the ledger holds the flag once however often it is sent.
        """
        validate_id(call_id)
        self.ctx.ledger.fence()
        for earlier in self.ctx.ledger.flags_for(CallRef(call_id)):
            if earlier.kind == "do_not_record" and earlier.scope == "call":
                return earlier, False
        mac = hmac.new(self.ctx.audit_secret, f"do_not_record:{call_id}".encode(), "sha256")
        return self.flag(
            "do_not_record", call_id=call_id, by=by, request_id=f"req-{mac.hexdigest()[:32]}"
        ), True

    def receipt(self, request_id: str) -> Receipt:
        """The receipt of a deletion or do-not-record request."""
        validate_id(request_id, what="request id")
        return self.ctx.receipts.get(request_id)

    def find_receipt(self, request_id: str) -> Receipt | None:
        """The receipt of a request, or None (a flag that has none, or not yet)."""
        validate_id(request_id, what="request id")
        return self.ctx.receipts.find(request_id)

    def wait_receipt(self, request_id: str, wait_s: float) -> Receipt | None:
        """The receipt, polled for up to `wait_s` seconds while it is pending."""
        deadline = time.monotonic() + wait_s
        receipt = self.find_receipt(request_id)
        while receipt is not None and receipt.state == "pending" and time.monotonic() < deadline:
            time.sleep(0.2)
            receipt = self.find_receipt(request_id)
        return receipt

    def requests(self, limit: int = 100) -> list[dict]:
        """The latest consent requests, newest first, each with its receipt's state."""
        self.ctx.ledger.fence()
        flags = self.ctx.ledger.flags_since(None)[-limit:]
        rows = []
        for flag in reversed(flags):
            receipt = self.ctx.receipts.find(flag.request_id)
            rows.append(
                {
                    "request_id": flag.request_id,
                    "kind": flag.kind,
                    "scope": flag.scope,
                    "subject_id": flag.subject_id,
                    "accepted_at": flag.accepted_at.isoformat(),
                    "reason": flag.reason,
                    "receipt": receipt.to_json() if receipt else None,
                }
            )
        return rows

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

    def export_batch(
        self, after: datetime | None = None, until: datetime | None = None
    ) -> tuple[list[dict], str]:
        """Exportable rows redacted after `after` (exclusive) and up to `until`, oldest first,
        with the export's manifest recorded and audited; returns (rows, export id)."""
        rows = [
            r
            for r in export_rows(self.ctx, after)
            if (after is None or datetime.fromisoformat(r["redacted_at"]) > after)
            and (until is None or datetime.fromisoformat(r["redacted_at"]) <= until)
        ]
        # Fence once more: a flag accepted while the rows were gathered keeps its call out.
        allowed = still_exportable(self.ctx, [r["call_id"] for r in rows])
        rows = sorted(
            (r for r in rows if r["call_id"] in allowed),
            key=lambda r: (r["redacted_at"], r["call_id"]),
        )
        # The manifest lands before any row leaves, so a flag accepted from here on finds
        # these calls for the revocation feed.
        calls = [r["call_id"] for r in rows]
        export_id = record_export(self.ctx, calls)
        self.ctx.record(
            "exported", request_id=export_id, detail={"rows": len(rows), "calls": calls}
        )
        return rows, export_id

    def cursor_horizon(self) -> datetime:
        """The latest time a cursor may reach: rows and flags stamped before it are all visible
        (no write that started earlier can still land, whatever the clocks' skew)."""
        lag = self.ctx.write_lease_s + self.settings.api.clock_skew_s
        return utcnow() - timedelta(seconds=lag)

    def redacted_audio(self, call_id: str, dest: Path) -> bool:
        """Copy a call's redacted audio to `dest` if the call may be exported; False otherwise."""
        validate_id(call_id)
        if not still_exportable(self.ctx, [call_id]):
            return False
        try:
            self.ctx.store.fetch_to(keys.redacted_audio(call_id), dest)
        except ObjectNotFound:
            return False
        self.ctx.record("redacted_audio_served", call_id=call_id)
        return True

    def audit_trail(self, since: datetime | None = None, limit: int = 1000) -> list[dict]:
        """Audit records at or after `since`, oldest first (at most `limit`)."""
        raise InvalidRequest("this backend cannot read the audit trail", reason="unsupported")

    def dead_letter_count(self) -> int | None:
        """Events given up on so far; None where the backend can't tell."""
        return None

    def readiness(self) -> dict[str, bool]:
        """Whether each thing this process depends on answers: store, ledger, broker."""
        checks: dict[str, bool] = {}
        try:
            self.ctx.store.list("requests-pending/")
            checks["store"] = True
        except Exception:
            checks["store"] = False
        try:
            self.ctx.ledger.fence()
            checks["ledger"] = True
        except Exception:
            checks["ledger"] = False
        return checks

    def call_states(self) -> dict[str, int]:
        """How many calls in the store are at each stage (received, ingested, transcribed,
        redacted), from one listing; flagged calls have no artifacts left to count."""
        kinds: dict[str, set[str]] = {}
        for key in self.ctx.store.list("calls/"):
            call_id = key.split("/", 2)[1]
            kinds.setdefault(call_id, set()).add(keys.artifact_kind(key))
        counts = dict.fromkeys(("received", "ingested", "transcribed", "redacted"), 0)
        for found in kinds.values():
            if "redacted_transcript" in found:
                counts["redacted"] += 1
            elif "raw_transcript" in found:
                counts["transcribed"] += 1
            elif "call_metadata" in found:
                counts["ingested"] += 1
            else:
                counts["received"] += 1
        return counts

    def record_request(self, detail: dict[str, int | str | list[str]]) -> None:
        """Audit one accepted API request: token name, role, route template and status."""
        self.ctx.record("api_request", detail=detail)

    def export(self, out: Path, since: datetime | None = None) -> int:
        """Write the training export (JSON lines) in place of `out`; return the number of rows.

        `out` must be missing or a regular file: a link, folder or device is refused. The
        export is recorded (manifest, audit) only once the file is in place, and the file is
        removed again if recording it fails, so no unrecorded export is left behind.
        """
        out = Path(out)
        check_output(out)
        rows = list(export_rows(self.ctx, since))
        # Fence once more: a flag accepted while the rows were gathered keeps its call out.
        allowed = still_exportable(self.ctx, [r["call_id"] for r in rows])
        rows = [r for r in rows if r["call_id"] in allowed]
        with replacing(out) as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        calls = [r["call_id"] for r in rows]
        try:
            # From here on a flag on one of these calls puts it in the revocation feed.
            export_id = record_export(self.ctx, calls)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
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
