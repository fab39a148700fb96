"""The audit trail: append-only records of flags, deletion steps, holds and exports."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class AuditRecord:
    """One audited action; ids only (customer ids pseudonymized), counts, reason codes."""

    at: datetime
    action: str
    call_id: str | None = None
    request_id: str | None = None
    subject: str | None = None
    detail: dict[str, int | str | list[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The record as a JSON object (one line of the audit log)."""
        data = {k: v for k, v in self.__dict__.items() if v not in (None, {}, [])}
        data["at"] = self.at.isoformat()
        return data


class AuditLog(Protocol):
    """Where audit records go: a JSON-lines file, the audit topic, or both."""

    def append(self, record: AuditRecord) -> None:
        """Append one record; never rewrites earlier ones."""


class InMemoryAuditLog:
    """A list-backed AuditLog for unit tests."""

    def __init__(self) -> None:
        self.records: list[AuditRecord] = []

    def append(self, record: AuditRecord) -> None:
        self.records.append(record)


def pseudonym(secret: bytes, scope: str, subject_id: str) -> str:
    """A stable keyed hash of a subject, so the audit trail can be searched but not read back."""
    if scope == "call":
        return f"call:{subject_id}"
    mac = hmac.new(secret, f"{scope}:{subject_id}".encode(), hashlib.sha256).hexdigest()
    return f"{scope}:h{mac[:20]}"
