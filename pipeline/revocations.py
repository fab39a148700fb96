"""The revocation feed: exported calls that trainers must drop from copies already pulled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.calls import customer_calls
from pipeline.consent import DELETING_KINDS
from pipeline.events import ConsentFlag
from pipeline.export_manifests import exported_calls
from pipeline.stages.context import StageContext


@dataclass(frozen=True)
class Revocation:
    """One call to drop, the reason class, and when the flag that revoked it was accepted."""

    call_id: str
    reason: str  # "deleted" or "restricted"
    revoked_at: datetime

    def to_json(self) -> dict[str, str]:
        """The feed's JSON line."""
        return {
            "call_id": self.call_id,
            "reason": self.reason,
            "revoked_at": self.revoked_at.isoformat(),
        }


def _calls_of(ctx: StageContext, flag: ConsentFlag) -> set[str]:
    if flag.scope == "call":
        return {flag.subject_id}
    calls = {
        call_id
        for call_id, started in customer_calls(ctx.store, flag.subject_id).items()
        if flag.kind != "delete_recording" or started < flag.accepted_at
    }
    receipt = ctx.receipts.find(flag.request_id)
    return calls | set(receipt.calls if receipt else ())


def revocations(ctx: StageContext, since: datetime | None = None) -> list[Revocation]:
    """Every exported call revoked by a flag accepted at or after `since`, oldest first."""
    ctx.ledger.fence()
    exported = exported_calls(ctx)
    feed: dict[str, Revocation] = {}
    for flag in ctx.ledger.flags_since(since):
        if flag.kind in DELETING_KINDS:
            reason = "deleted"
        elif flag.kind == "restrict_training":
            reason = "restricted"
        else:
            continue
        for call_id in sorted(_calls_of(ctx, flag) & exported):
            previous = feed.get(call_id)
            if previous is None or (previous.reason == "restricted" and reason == "deleted"):
                feed[call_id] = Revocation(call_id, reason, flag.accepted_at)
    return sorted(feed.values(), key=lambda r: (r.revoked_at, r.call_id))
