"""Deletion receipts: what a request deleted and when, or why it waits; kept in the object store."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Literal

from pipeline.errors import UnknownRequest
from pipeline.ids import validate_id
from pipeline.keys import artifact_kind
from pipeline.storage import ObjectNotFound, ObjectStore

ReceiptState = Literal["pending", "held", "completed"]


@dataclass
class Receipt:
    """The answer to a deletion (or do-not-record) request; holds no personal data."""

    request_id: str
    kind: str
    scope: str
    subject: str
    accepted_at: datetime
    state: ReceiptState = "pending"
    completed_at: datetime | None = None
    held_reason: str | None = None
    # Ids of the write intents in flight (writes that may race the deletion) it waits for.
    waiting_for: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)
    deleted_keys_sha256: list[str] = field(default_factory=list)
    # Pseudonyms (pipeline.audit.pseudonym) of the customers whose calls this request deleted:
    # the link that lets an access report name a call-scope deletion once the call's customer
    # index marker is gone, without the receipt naming the customer.
    customers: list[str] = field(default_factory=list)

    def add_deleted(
        self, call_id: str, deleted_keys: list[str], customer: str | None = None
    ) -> None:
        """Count what a purge step removed, by artifact kind, keeping only hashes of the keys.

        `customer` is the pseudonym of the call's customer, when known.
        """
        if call_id not in self.calls:
            self.calls.append(call_id)
        if customer is not None and customer not in self.customers:
            self.customers.append(customer)
        for key in deleted_keys:
            kind = artifact_kind(key)
            self.deleted[kind] = self.deleted.get(kind, 0) + 1
            self.deleted_keys_sha256.append(hashlib.sha256(key.encode()).hexdigest())

    def to_json(self) -> dict:
        """JSON form, as stored and as shown by `varsam delete --status`."""
        data = asdict(self)
        data["accepted_at"] = self.accepted_at.isoformat()
        data["completed_at"] = self.completed_at.isoformat() if self.completed_at else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> Receipt:
        """Parse the stored JSON form."""
        data = dict(data)
        data["accepted_at"] = datetime.fromisoformat(data["accepted_at"])
        if data.get("completed_at"):
            data["completed_at"] = datetime.fromisoformat(data["completed_at"])
        data.pop("sweep_after", None)  # receipts from the fixed write deadline's days
        return cls(**data)


def receipt_key(request_id: str) -> str:
    """Where a request's receipt is stored."""
    return f"requests/{validate_id(request_id, what='request id')}.json"


class ReceiptBook:
    """Reads and writes receipts in an ObjectStore (local folder or S3)."""

    def __init__(self, store: ObjectStore) -> None:
        self.store = store

    def save(self, receipt: Receipt) -> None:
        """Store the receipt, replacing its previous state."""
        body = json.dumps(receipt.to_json(), sort_keys=True).encode()
        self.store.put_bytes(receipt_key(receipt.request_id), body)

    def get(self, request_id: str) -> Receipt:
        """The receipt of a request, or UnknownRequest."""
        try:
            raw = self.store.get_bytes(receipt_key(request_id))
        except ObjectNotFound:
            raise UnknownRequest("unknown request id") from None
        return Receipt.from_json(json.loads(raw))

    def find(self, request_id: str) -> Receipt | None:
        """The receipt of a request, or None."""
        try:
            return self.get(request_id)
        except UnknownRequest:
            return None
