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
from pipeline.intents import (
    InMemoryIntents,
    WriteIntent,
    WriteIntents,
    WriteLease,
    WriteLeaseLapsed,
)
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
    # live. A heartbeat renews the lease every third of `write_lease_s` while the write runs,
    # so it lapses `write_lease_s` after its writer stopped renewing it (a writer that died
    # mid-write holds a deletion up that long, never longer); `lease_skew_s` allows for the
    # writer's clock running behind the purge's.
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
    def write_intent(self, call: CallRef) -> Iterator[WriteLease]:
        """Hold a write intent on the call for the block: recorded before, renewed while the
        block runs (however long its upload takes), cleared after.

        Inside, check consent (fenced), then `check_lease`, then write, then check consent
        again, then `check_lease` with the key written: a purge that missed the write waits
        for this intent before it says completed, and a write the lease did not cover
        throughout is undone.
        """
        expires = self.clock() + timedelta(seconds=self.write_lease_s)
        intent = WriteIntent.new(call.call_id, self.customer_tag(call.customer_id), expires)
        self.intents.begin(intent)
        lease = WriteLease(self.intents, intent, self.write_lease_s, self.clock)
        try:
            lease.start()
            yield lease
        finally:
            lease.stop()  # before the end, so that no renewal comes after it
            lease.end()

    def check_lease(self, lease: WriteLease, *, undo: str | None = None) -> None:
        """Refuse to go on once the lease is over (or was, for a moment): a purge may have
        stopped waiting for it. After a write, `undo` names the key to delete first: the
        write may have landed after that purge's final sweep."""
        if lease.lapsed(self.clock()):
            if undo is not None:
                self.store.delete(undo)
            raise WriteLeaseLapsed("the write intent lapsed before the write was done")

    def write_artifact(self, call: CallRef, key: str, body: bytes) -> bool:
        """Write `key` only while consent allows it; False (and nothing left behind) otherwise.

        Under a write intent: fence and check, write, fence and check again and undo the write
        if the call is now flagged. Either a purge sees this object, or the second check sees
        the flag; and a purge that started between the two waits for the intent, so it sweeps
        once more after the write before it reports completion. A write that outlived its
        lease is undone too, and WriteLeaseLapsed has the event retried.
        """
        return self._write_fenced(call, key, lambda: self.store.put_bytes(key, body))

    def write_artifact_file(self, call: CallRef, key: str, path: Path) -> bool:
        """write_artifact for a file on disk (redacted audio), uploaded without reading it whole."""
        return self._write_fenced(call, key, lambda: self.store.put_file(key, path))

    def _write_fenced(self, call: CallRef, key: str, put: Callable[[], None]) -> bool:
        with self.write_intent(call) as lease:
            if not self.consent(call).may_process:
                return False
            self.check_lease(lease)
            put()
            if not self.consent(call).may_process:
                self.store.delete(key)
                return False
            self.check_lease(lease, undo=key)
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
