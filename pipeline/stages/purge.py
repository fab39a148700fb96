"""The consent stage: accept flags, purge what they forbid, keep receipts and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline import keys
from pipeline.audit import pseudonym
from pipeline.calls import customer_calls, load_meta
from pipeline.consent import DELETING_KINDS, CallConsent, CallRef, consent_of
from pipeline.events import ConsentFlag
from pipeline.receipts import Receipt
from pipeline.stages.context import StageContext
from pipeline.storage import delete_prefix

# A marker per deletion whose final sweep is still due, named "<due time>_<request id>" so that
# one listing tells the purge which are due without reading a receipt.
PENDING_PREFIX = "requests-pending/"
_DUE_FORMAT = "%Y%m%dT%H%M%S.%fZ"


def _pending_marker(receipt: Receipt) -> str:
    due = receipt.sweep_after or receipt.accepted_at
    # e.g. requests-pending/20261126T161501.250000Z_req-...
    return f"{PENDING_PREFIX}{due.astimezone(UTC).strftime(_DUE_FORMAT)}_{receipt.request_id}"


def accept_flag(ctx: StageContext, flag: ConsentFlag) -> bool:
    """Accept a flag into the ledger, open its receipt and audit it; False for a repeat."""
    if ctx.receipts.find(flag.request_id) is not None:
        return False
    if flag.kind in DELETING_KINDS:
        ctx.receipts.save(
            Receipt(
                request_id=flag.request_id,
                kind=flag.kind,
                scope=flag.scope,
                subject=_subject(ctx, flag),
                accepted_at=flag.accepted_at,
            )
        )
    ctx.ledger.record(flag)
    detail: dict[str, int | str | list[str]] = {"kind": flag.kind, "scope": flag.scope}
    if flag.by:
        detail["by"] = flag.by
    ctx.record(
        "flag_accepted", request_id=flag.request_id, subject=_subject(ctx, flag), detail=detail
    )
    return True


def handle(flag: ConsentFlag, ctx: StageContext) -> list:
    """Carry out an accepted flag: purge, or re-run held deletions on release."""
    ctx.ledger.fence()
    if flag.kind in DELETING_KINDS:
        _carry_out(ctx, flag)
    elif flag.kind == "release_hold":
        for earlier in ctx.ledger.flags_since(None):
            if earlier.kind in DELETING_KINDS:
                receipt = ctx.receipts.find(earlier.request_id)
                if receipt is not None and receipt.state != "completed":
                    _carry_out(ctx, earlier)
    return []


def purge_call(ctx: StageContext, call_id: str, customer_id: str | None) -> list[str]:
    """Delete every artifact of a call, its customer index marker last; return the keys deleted."""
    deleted = delete_prefix(ctx.store, keys.call_prefix(call_id))
    if customer_id is not None:
        marker = keys.customer_index(customer_id, call_id)
        if ctx.store.delete(marker):
            deleted.append(marker)
    return deleted


def enforce(ctx: StageContext, call: CallRef, consent: CallConsent) -> bool:
    """Purge a call its consent forbids and credit every request that asked; True if purged."""
    if not consent.must_purge:
        return False
    deleted = purge_call(ctx, call.call_id, call.customer_id)
    for request_id in consent.deletion_requests:
        receipt = ctx.receipts.find(request_id)
        if receipt is None:
            continue
        receipt.add_deleted(call.call_id, deleted, _customer_link(ctx, call))
        ctx.receipts.save(receipt)
    if deleted:
        ctx.record(
            "call_purged",
            call_id=call.call_id,
            detail={"requests": list(consent.deletion_requests), "objects": len(deleted)},
        )
    return True


def sweep_due(ctx: StageContext) -> int:
    """Run the final sweep of every deletion whose write deadline has passed; return how many."""
    now, swept = ctx.clock(), 0
    for key in ctx.store.list(PENDING_PREFIX):
        due, _, request_id = key[len(PENDING_PREFIX) :].partition("_")
        if datetime.strptime(due, _DUE_FORMAT).replace(tzinfo=UTC) > now:
            continue
        receipt = ctx.receipts.find(request_id)
        if receipt is None or receipt.state != "pending":
            ctx.store.delete(key)
            continue
        ctx.ledger.fence()
        flag = next(
            (
                f
                for f in ctx.ledger.flags_since(receipt.accepted_at)
                if f.request_id == receipt.request_id
            ),
            None,
        )
        if flag is not None:
            _carry_out(ctx, flag, final=True)
            swept += 1
    return swept


def _carry_out(ctx: StageContext, flag: ConsentFlag, *, final: bool = False) -> None:
    """One deletion pass; the first leaves the receipt pending until the final sweep."""
    receipt = ctx.receipts.find(flag.request_id) or Receipt(
        request_id=flag.request_id,
        kind=flag.kind,
        scope=flag.scope,
        subject=_subject(ctx, flag),
        accepted_at=flag.accepted_at,
    )
    # Calls purged by an earlier pass have lost their index marker: sweep them by id too.
    customer = flag.subject_id if flag.scope == "customer" else None
    targets = {call.call_id: call for call in _calls_named_by(ctx, flag)}
    for call_id in receipt.calls:
        targets.setdefault(call_id, CallRef(call_id, customer))
    held: list[str] = []
    ctx.ledger.fence()  # once per pass: every flag accepted before the pass is in the view
    for call in targets.values():
        consent = consent_of(ctx.ledger, call, fence=False)
        if consent.held:
            held.append(consent.hold_reason or "legal hold")
            continue
        deleted = purge_call(ctx, call.call_id, call.customer_id)
        receipt.add_deleted(call.call_id, deleted, _customer_link(ctx, call))
        if deleted:
            ctx.record(
                "call_purged",
                call_id=call.call_id,
                request_id=flag.request_id,
                detail={"objects": len(deleted)},
            )
    first_pass_done = receipt.state == "pending" and receipt.sweep_after is not None
    previous_marker = _pending_marker(receipt) if first_pass_done else None
    if held:
        receipt.state, receipt.held_reason = "held", held[0]
    elif final or ctx.write_deadline_s <= 0:
        receipt.state, receipt.held_reason, receipt.completed_at = "completed", None, ctx.clock()
    else:
        if not first_pass_done:  # a redelivered flag keeps the sweep its first pass set
            receipt.sweep_after = ctx.clock() + timedelta(seconds=ctx.write_deadline_s)
        receipt.state, receipt.held_reason = "pending", None
    ctx.receipts.save(receipt)
    if receipt.state == "pending":
        ctx.store.put_bytes(_pending_marker(receipt), b"")
        return
    if previous_marker is not None:
        ctx.store.delete(previous_marker)
    detail: dict[str, int | str | list[str]] = {"state": receipt.state, **receipt.deleted}
    ctx.record("deletion_" + receipt.state, request_id=flag.request_id, detail=detail)


def _calls_named_by(ctx: StageContext, flag: ConsentFlag) -> list[CallRef]:
    if flag.scope == "call":
        meta = load_meta(ctx.store, flag.subject_id)
        return [meta.ref if meta else CallRef(flag.subject_id)]
    found = customer_calls(ctx.store, flag.subject_id)
    return [
        CallRef(call_id, flag.subject_id, started)
        for call_id, started in sorted(found.items())
        if flag.kind != "delete_recording" or started < flag.accepted_at
    ]


def _customer_link(ctx: StageContext, call: CallRef) -> str | None:
    if call.customer_id is None:
        return None
    return pseudonym(ctx.audit_secret, "customer", call.customer_id)


def _subject(ctx: StageContext, flag: ConsentFlag) -> str:
    return pseudonym(ctx.audit_secret, flag.scope, flag.subject_id)
