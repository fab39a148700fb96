"""What every stage is handed: storage, consent, audit, receipts, models and a clock."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pipeline.answer_windows import TranscriptRedaction
from pipeline.audio import MAX_DURATION_S
from pipeline.audio_redaction import AudioRedaction
from pipeline.audit import AuditLog, AuditRecord
from pipeline.consent import CallConsent, CallRef, ConsentLedger, consent_of
from pipeline.events import utcnow
from pipeline.pcm_spool import PcmSpool
from pipeline.receipts import ReceiptBook
from pipeline.redaction.operators import RedactionPolicy
from pipeline.redaction.span import Span
from pipeline.storage import ObjectStore, StoreUnavailable
from pipeline.transcript import Transcriber


class WriteDeadlineExceeded(StoreUnavailable):
    """An artifact write took longer than the consent write deadline; it was undone, retry."""

    reason = "write_deadline_exceeded"


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
    # The longest an artifact write may take from its consent fence to its completion; a purge
    # sweeps once more this long after it first ran, so it reports completion only when no
    # writer that missed the flag can still land a write.
    write_deadline_s: float = 2.0
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

    def write_artifact(self, call: CallRef, key: str, body: bytes) -> bool:
        """Write `key` only while consent allows it; False (and nothing left behind) otherwise.

        Fence, write, fence again: either a purge sees this object or the second check sees
        the flag. The write must complete within `write_deadline_s` of the first fence, or it is
        undone and WriteDeadlineExceeded asks for a retry: that bound is what lets a purge's
        final sweep, `write_deadline_s` after the flag, be the last word.
        """
        return self._write_fenced(call, key, lambda: self.store.put_bytes(key, body))

    def write_artifact_file(self, call: CallRef, key: str, path: Path) -> bool:
        """write_artifact for a file on disk (redacted audio), uploaded without reading it whole."""
        return self._write_fenced(call, key, lambda: self.store.put_file(key, path))

    def _write_fenced(self, call: CallRef, key: str, put: Callable[[], None]) -> bool:
        fenced = time.monotonic()
        if not self.consent(call).may_process:
            return False
        put()
        if time.monotonic() - fenced > self.write_deadline_s:
            self.store.delete(key)
            raise WriteDeadlineExceeded("an artifact write overran the consent write deadline")
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
