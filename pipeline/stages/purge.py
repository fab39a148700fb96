"""The consent stage: accept flags, purge what they forbid, keep receipts and the audit trail."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from pipeline import keys
from pipeline.audit import pseudonym
from pipeline.calls import customer_calls, load_ref
from pipeline.consent import DELETING_KINDS, CallConsent, CallRef, consent_of
from pipeline.events import ConsentFlag
from pipeline.intents import WriteIntent, clear_lapsed
from pipeline.receipts import Receipt
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound, delete_prefix

# An empty marker per deletion that waits for write intents before its final sweep
# (requests-pending/<request id>), so one listing finds them; the receipt says which intents.
PENDING_PREFIX = "requests-pending/"
# A marker per completed deletion that saw a lapsed write intent of its calls (a writer that
# died, or froze, with its upload maybe still in flight): requests-late/<request id>, holding
# the ids of those intents. Once none of them is recorded any more (its writer cleared it, or
# it was cleared away GC_AFTER past its lapse), the deletion's calls are swept once more.
LATE_PREFIX = "requests-late/"
_OLD_MARKER = re.compile(r"\d{8}T\d{6}\.\d{6}Z_")


def _pending_marker(request_id: str) -> str:
    return f"{PENDING_PREFIX}{request_id}"


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
    if flag.kind in DELETING_KINDS:
        _carry_out(ctx, flag)  # fences before its pass
    elif flag.kind == "release_hold":
        ctx.ledger.fence()
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


def keep_held(ctx: StageContext, call: CallRef, consent: CallConsent) -> None:
    """A held call was stored after its deletions ran (a recording landing under a hold): put
    it on their receipts, which say `held` again, so the release of the hold deletes it."""
    for request_id in consent.deletion_requests:
        receipt = ctx.receipts.find(request_id)
        if receipt is None or (call.call_id in receipt.calls and receipt.state == "held"):
            continue
        receipt.add_deleted(call.call_id, [])
        if receipt.state == "completed":
            receipt.state, receipt.completed_at = "held", None
            receipt.held_reason = consent.hold_reason or "legal hold"
        ctx.receipts.save(receipt)


def sweep_due(ctx: StageContext) -> int:
    """Run the final sweep of every pending deletion whose awaited intents are all over.

    An intent is over once cleared (its writer's post-write check is done) or lapsed (its
    writer died, or lets it lapse and will not write). Return how many deletions completed.
    """
    return sweep(ctx)[0]


def sweep(ctx: StageContext) -> tuple[int, int]:
    """sweep_due, returning (deletions completed, deletions still waiting for intents); and
    the late sweep of completed deletions whose lapsed intents are gone."""
    markers = ctx.store.list(PENDING_PREFIX)
    late = ctx.store.list(LATE_PREFIX)
    if not markers and not late:
        return 0, 0
    swept, waiting, now = 0, 0, ctx.clock()
    active = ctx.intents.active()
    live = {i.intent_id for i in active if not _lapsed(ctx, i, now)}
    for key in markers:
        name = key[len(PENDING_PREFIX) :]
        # A marker of the fixed deadline this replaced is named "<due time>_<request id>".
        request_id = name.partition("_")[2] if _OLD_MARKER.match(name) else name
        receipt = ctx.receipts.find(request_id)
        if receipt is None or receipt.state != "pending":
            ctx.store.delete(key)
            continue
        if live.intersection(receipt.waiting_for):
            waiting += 1
            continue
        flag = _flag_of(ctx, receipt)
        if flag is not None:
            _carry_out(ctx, flag, final=True)
            swept += 1
    recorded = {i.intent_id for i in active}
    for key in late:
        _sweep_late(ctx, key, recorded)
    clear_lapsed(ctx.intents, now)
    return swept, waiting


def _flag_of(ctx: StageContext, receipt: Receipt) -> ConsentFlag | None:
    ctx.ledger.fence()
    return next(
        (
            f
            for f in ctx.ledger.flags_since(receipt.accepted_at)
            if f.request_id == receipt.request_id
        ),
        None,
    )


def _sweep_late(ctx: StageContext, key: str, recorded: set[str]) -> None:
    """Sweep a completed deletion's calls once more, once the lapsed intents it saw are gone.

    A writer whose intent lapsed may still land its upload (it froze rather than died) and die
    before it can undo it; its intent is recorded until it clears it or GC_AFTER is past.
    """
    try:
        if recorded.intersection(json.loads(ctx.store.get_bytes(key))):
            return
    except ObjectNotFound:
        return  # another purge worker swept it just now
    receipt = ctx.receipts.find(key[len(LATE_PREFIX) :])
    flag = _flag_of(ctx, receipt) if receipt is not None else None
    if receipt is not None and flag is not None:
        held = _purge_pass(ctx, flag, receipt)
        ctx.receipts.save(receipt)
        for call, consent in held:
            # Held since the deletion completed: what landed late is kept for the hold, and
            # the receipt says held again so that the release deletes it.
            if ctx.store.list(keys.call_prefix(call.call_id)):
                keep_held(ctx, call, consent)
    ctx.store.delete(key)


def _lapsed(ctx: StageContext, intent: WriteIntent, now: datetime) -> bool:
    return intent.lapsed(now, timedelta(seconds=ctx.lease_skew_s))


def _carry_out(ctx: StageContext, flag: ConsentFlag, *, final: bool = False) -> None:
    """One deletion pass, then a look at the write intents it overlaps.

    With none live, the deletion is complete: a writer that checked consent before the flag
    either wrote before this pass (and the pass removed it) or cleared its intent after its own
    post-write check removed the write. With live ones, the receipt stays pending and the final
    sweep (`sweep_due`) runs once they are cleared or lapsed. A lapsed intent is waited for by
    one more pass, so a write its dead writer landed after this pass is removed too.
    """
    receipt = ctx.receipts.find(flag.request_id) or Receipt(
        request_id=flag.request_id,
        kind=flag.kind,
        scope=flag.scope,
        subject=_subject(ctx, flag),
        accepted_at=flag.accepted_at,
    )
    already_completed = receipt.state == "completed"
    held = [c.hold_reason or "legal hold" for _, c in _purge_pass(ctx, flag, receipt)]
    if already_completed:
        # A redelivered flag: the pass above is a harmless repeat, the completion stands.
        ctx.receipts.save(receipt)
        return
    marked = bool(receipt.waiting_for)  # a pending marker was written for it
    awaited: list[str] = []
    lapsed: list[str] = []
    if not held and not final:
        awaited, lapsed = _overlapping_intents(ctx, flag, receipt)
        if lapsed and not awaited:
            _purge_pass(ctx, flag, receipt)  # after the lapse: a dead writer's late write goes
    elif not held:
        lapsed = _overlapping_intents(ctx, flag, receipt)[1]
    receipt.waiting_for = awaited
    if held:
        receipt.state, receipt.held_reason = "held", held[0]
    elif awaited:
        receipt.state, receipt.held_reason = "pending", None
    else:
        receipt.state, receipt.held_reason, receipt.completed_at = "completed", None, ctx.clock()
    ctx.receipts.save(receipt)
    if receipt.state == "pending":
        ctx.store.put_bytes(_pending_marker(receipt.request_id), b"")
        return
    if receipt.state == "completed" and lapsed:
        # Before the pending marker goes: a purge worker that dies in between leaves the
        # deletion to be swept again, never to be forgotten.
        ctx.store.put_bytes(LATE_PREFIX + receipt.request_id, json.dumps(lapsed).encode())
    if marked or final:
        ctx.store.delete(_pending_marker(receipt.request_id))
    detail: dict[str, int | str | list[str]] = {"state": receipt.state, **receipt.deleted}
    ctx.record("deletion_" + receipt.state, request_id=flag.request_id, detail=detail)


def _purge_pass(
    ctx: StageContext, flag: ConsentFlag, receipt: Receipt
) -> list[tuple[CallRef, CallConsent]]:
    """Purge every call the flag names that is not held; return the held ones."""
    # Calls purged by an earlier pass have lost their index marker: sweep them by id too.
    customer = flag.subject_id if flag.scope == "customer" else None
    targets = {call.call_id: call for call in _calls_named_by(ctx, flag)}
    for call_id in receipt.calls:
        targets.setdefault(call_id, CallRef(call_id, customer))
    held: list[tuple[CallRef, CallConsent]] = []
    ctx.ledger.fence()  # once per pass: every flag accepted before the pass is in the view
    for call in targets.values():
        consent = consent_of(ctx.ledger, call, fence=False)
        if consent.held:
            held.append((call, consent))
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
    return held


def _overlapping_intents(
    ctx: StageContext, flag: ConsentFlag, receipt: Receipt
) -> tuple[list[str], list[str]]:
    """The ids of the live and of the lapsed write intents that may race this deletion."""
    calls = set(receipt.calls)
    customer = None
    if flag.scope == "call":
        calls.add(flag.subject_id)
    else:
        customer = ctx.customer_tag(flag.subject_id)
    live: list[str] = []
    lapsed: list[str] = []
    now = ctx.clock()
    for intent in ctx.intents.active():
        if intent.overlaps(calls, customer):
            (lapsed if _lapsed(ctx, intent, now) else live).append(intent.intent_id)
    # A renewal in progress may show one intent twice, under its old and its new expiry.
    return sorted(set(live)), sorted(set(lapsed) - set(live))


def _calls_named_by(ctx: StageContext, flag: ConsentFlag) -> list[CallRef]:
    if flag.scope == "call":
        return [load_ref(ctx.store, flag.subject_id) or CallRef(flag.subject_id)]
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
