"""The access report: what varsam holds about one customer, for the privacy team to answer."""

from __future__ import annotations

from typing import Any

from pipeline import keys
from pipeline.audit import pseudonym
from pipeline.calls import customer_calls, load_meta
from pipeline.consent import DELETING_KINDS, CallConsent, CallRef, consent_of
from pipeline.export_manifests import exports_of
from pipeline.ids import validate_id
from pipeline.retention import RetentionPolicy, expiry
from pipeline.stages.context import StageContext


def _state(consent: CallConsent, artifacts: list[str]) -> str:
    if consent.deleted and consent.held:
        return "held"
    if consent.deleted:
        return "not_recorded" if consent.do_not_record else "deleted"
    if consent.restricted:
        return "restricted"
    return "redacted" if "redacted_transcript" in artifacts else "in_progress"


def access_report(ctx: StageContext, customer_id: str, policy: RetentionPolicy) -> dict[str, Any]:
    """Every call of the customer (kept or deleted), its artifacts, flags, retention and exports."""
    validate_id(customer_id, what="customer id")
    ctx.ledger.fence()
    link = pseudonym(ctx.audit_secret, "customer", customer_id)
    indexed = customer_calls(ctx.store, customer_id)
    calls = set(indexed)
    requests = []
    deletions: dict[str, dict[str, str | None]] = {}
    for flag in ctx.ledger.flags_since(None):
        mine = flag.scope == "customer" and flag.subject_id == customer_id
        receipt = None
        if mine or (flag.scope == "call" and flag.kind in DELETING_KINDS):
            receipt = ctx.receipts.find(flag.request_id)
        # A call-scope deletion names no customer; its receipt keeps the customer's pseudonym.
        if not mine and not (receipt is not None and link in receipt.customers):
            continue
        calls |= set(receipt.calls if receipt else ())
        requests.append(
            {
                "request_id": flag.request_id,
                "kind": flag.kind,
                "scope": flag.scope,
                "accepted_at": flag.accepted_at.isoformat(),
                "state": receipt.state if receipt else None,
                "completed_at": (
                    receipt.completed_at.isoformat() if receipt and receipt.completed_at else None
                ),
                **({"reason": flag.reason} if flag.kind == "legal_hold" and flag.reason else {}),
            }
        )
        if receipt is not None:
            done = {"request_id": flag.request_id, "state": receipt.state}
            for call_id in receipt.calls:
                deletions.setdefault(
                    call_id, {**done, "completed_at": requests[-1]["completed_at"]}
                )
    exports = exports_of(ctx)
    rows = []
    for call_id in sorted(calls):
        meta = load_meta(ctx.store, call_id)
        ref = meta.ref if meta else CallRef(call_id, customer_id, indexed.get(call_id))
        consent = consent_of(ctx.ledger, ref, fence=False)
        written = ctx.store.list_modified(keys.call_prefix(call_id))
        artifacts = []
        for key, at in sorted(written.items()):
            kind = keys.artifact_kind(key)
            until = expiry(policy, kind, at)
            artifacts.append(
                {
                    "kind": kind,
                    "written_at": at.isoformat(),
                    "expires_at": until.isoformat() if until else None,
                }
            )
        kinds = [a["kind"] for a in artifacts]
        rows.append(
            {
                "call_id": call_id,
                "started_at": ref.started_at.isoformat() if ref.started_at else None,
                "state": _state(consent, kinds),
                "artifacts": artifacts,
                "flags": list(consent.flags),
                "hold_reason": consent.hold_reason,
                "deletion": deletions.get(call_id),
                "exports": exports.get(call_id, []),
            }
        )
    return {
        "customer_id": customer_id,
        "generated_at": ctx.clock().isoformat(),
        "calls": rows,
        "requests": requests,
    }


def report_table(report: dict[str, Any]) -> str:
    """The report as a readable table."""
    lines = [
        f"customer {report['customer_id']} — {len(report['calls'])} calls, "
        f"{len(report['requests'])} requests (generated {report['generated_at']})",
        "",
        f"{'call':<24} {'state':<12} {'artifacts':<46} {'exports':>7}  flags",
    ]
    for call in report["calls"]:
        artifacts = ", ".join(a["kind"] for a in call["artifacts"]) or "-"
        flags = ", ".join(call["flags"]) or "-"
        if call["hold_reason"]:
            flags += f" (held: {call['hold_reason']})"
        deletion = call.get("deletion")
        if deletion and deletion["completed_at"]:
            flags += f" (deleted on request {deletion['request_id']} at {deletion['completed_at']})"
        elif deletion:
            flags += f" (deletion {deletion['request_id']} {deletion['state']})"
        exported = len(call["exports"])
        lines.append(
            f"{call['call_id']:<24} {call['state']:<12} {artifacts:<46} {exported:>7}  {flags}"
        )
    if report["requests"]:
        lines += ["", "requests:"]
        lines += [
            f"  {r['accepted_at']}  {r['kind']:<18} {r.get('scope', 'customer'):<9}"
            f" {r['state'] or '-':<10} {r['request_id']}"
            for r in report["requests"]
        ]
    expiring = [
        (a["expires_at"], call["call_id"], a["kind"])
        for call in report["calls"]
        for a in call["artifacts"]
        if a["expires_at"]
    ]
    if expiring:
        lines += ["", "retention:"]
        lines += [f"  {c}: {k} expires {at}" for at, c, k in sorted(expiring)]
    return "\n".join(lines)
