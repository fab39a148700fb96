"""What every stage is handed: storage, consent, audit, receipts, models and a clock."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from pipeline.answer_windows import TranscriptRedaction
from pipeline.audio import MAX_DURATION_S
from pipeline.audio_redaction import AudioRedaction
from pipeline.audit import AuditLog, AuditRecord, pseudonym
from pipeline.consent import CallConsent, CallRef, ConsentLedger, consent_of
from pipeline.events import utcnow
from pipeline.intents import InMemoryIntents, WriteIntent, WriteIntents, WriteLeaseLapsed
from pipeline.pcm_spool import PcmSpool
from pipeline.receipts import ReceiptBook
from pipeline.redaction.operators import RedactionPolicy
from pipeline.redaction.span import Span
from pipeline.storage import ObjectStore
from pipeline.transcript import Transcriber


class TextAnalyzer(Protocol):
    """Finds personal data in text (pipeline.redaction's Analyzer implements it)."""

    def analyze(self, text: str, language: str | None) -> list[Span]:
        """Sorted, non-overlapping spans of personal data in `text`."""


@dataclass
class StageContext:
    """The stage's view of the world; built by workers/, faked in unit tests."""

    store: ObjectStore
    ledger: ConsentLedger
    audit: AuditLog
    transcriber: Transcriber | None = None
    analyzer: TextAnalyzer | None = None
    analyzer_versions: dict[str, str] = field(default_factory=dict)
    audit_secret: bytes = b"varsam"
    clock: Callable[[], datetime] = utcnow
    # Write intents: a writer leases the call before it checks consent and writes, and clears
    # the lease after its post-write check; a deletion completes once no lease it overlaps is
    # live. The lease lapses `write_lease_s` after it was taken (a writer that died mid-write
    # holds a deletion up that long, never longer); `lease_skew_s` allows for the writer's
    # clock running behind the purge's.
    intents: WriteIntents = field(default_factory=InMemoryIntents)
    write_lease_s: float = 5.0
    lease_skew_s: float = 0.5
    # What replaces personal data in transcripts (policy per entity type) and in the audio.
    redaction_policy: RedactionPolicy = field(default_factory=RedactionPolicy)
    audio_redaction: AudioRedaction = field(default_factory=AudioRedaction)
    # What transcript redaction uses beyond the text: the dialogue and word probabilities.
    transcript_redaction: TranscriptRedaction = field(default_factory=TranscriptRedaction)
    # Longest recording accepted ([audio] max_duration_s).
    max_audio_s: float = MAX_DURATION_S
    # Where transcribe leaves decoded audio for redact when both run in this process.
    pcm_spool: PcmSpool | None = None

    @property
    def receipts(self) -> ReceiptBook:
        """Deletion receipts, kept in the same object store as the artifacts."""
        return ReceiptBook(self.store)

    def consent(self, call: CallRef) -> CallConsent:
        """The call's consent as of now (fenced)."""
        return consent_of(self.ledger, call)

    def customer_tag(self, customer_id: str | None) -> str | None:
        """The customer's pseudonym as intents carry it (no customer id outside its index)."""
        if customer_id is None:
            return None
        return pseudonym(self.audit_secret, "customer", customer_id).partition(":")[2]

    @contextmanager
    def write_intent(self, call: CallRef) -> Iterator[WriteIntent]:
        """Hold a write intent on the call for the block: recorded before, cleared after.

        Inside, check consent (fenced), then `check_lease`, then write, then check consent
        again: a purge that missed the write waits for this intent before it says completed.
        """
        expires = self.clock() + timedelta(seconds=self.write_lease_s)
        intent = WriteIntent.new(call.call_id, self.customer_tag(call.customer_id), expires)
        self.intents.begin(intent)
        try:
            yield intent
        finally:
            self.intents.end(intent)

    def check_lease(self, intent: WriteIntent) -> None:
        """Refuse to write once the lease is over: a purge may no longer be waiting for it."""
        if intent.lapsed(self.clock()):
            raise WriteLeaseLapsed("the write intent lapsed before the write")

    def write_artifact(self, call: CallRef, key: str, body: bytes) -> bool:
        """Write `key` only while consent allows it; False (and nothing left behind) otherwise.

        Under a write intent: fence and check, write, fence and check again and undo the write
        if the call is now flagged. Either a purge sees this object, or the second check sees
        the flag; and a purge that started between the two waits for the intent, so it sweeps
        once more after the write before it reports completion.
        """
        return self._write_fenced(call, key, lambda: self.store.put_bytes(key, body))

    def write_artifact_file(self, call: CallRef, key: str, path: Path) -> bool:
        """write_artifact for a file on disk (redacted audio), uploaded without reading it whole."""
        return self._write_fenced(call, key, lambda: self.store.put_file(key, path))

    def _write_fenced(self, call: CallRef, key: str, put: Callable[[], None]) -> bool:
        with self.write_intent(call) as intent:
            if not self.consent(call).may_process:
                return False
            self.check_lease(intent)
            put()
            if not self.consent(call).may_process:
                self.store.delete(key)
                return False
        return True

    def record(self, action: str, **fields: object) -> None:
        """Append an audit record stamped with the context's clock."""
        self.audit.append(AuditRecord(at=self.clock(), action=action, **fields))  # type: ignore[arg-type]

    @contextmanager
    def local_copy(self, key: str, suffix: str = "") -> Iterator[Path]:
        """Fetch an object to a private temporary file for the duration of the block."""
        with tempfile.TemporaryDirectory(prefix="varsam-") as tmp:
            path = Path(tmp) / f"object{suffix}"
            self.store.fetch_to(key, path)
            yield path
