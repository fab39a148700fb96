"""What every stage is handed: storage, consent, audit, receipts, models and a clock."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pipeline.audit import AuditLog, AuditRecord
from pipeline.consent import CallConsent, CallRef, ConsentLedger, consent_of
from pipeline.events import utcnow
from pipeline.receipts import ReceiptBook
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

    @property
    def receipts(self) -> ReceiptBook:
        """Deletion receipts, kept in the same object store as the artifacts."""
        return ReceiptBook(self.store)

    def consent(self, call: CallRef) -> CallConsent:
        """The call's consent as of now (fenced)."""
        return consent_of(self.ledger, call)

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
