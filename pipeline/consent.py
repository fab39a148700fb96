"""Consent policy: which flags apply to a call, and what they allow; plus the ledger interface."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from pipeline.events import ConsentFlag

DELETING_KINDS = ("do_not_record", "delete_recording")


@dataclass(frozen=True)
class CallRef:
    """What consent needs to know of a call: its id, its customer and when it started."""

    call_id: str
    customer_id: str | None = None
    started_at: datetime | None = None


def applies_to(flag: ConsentFlag, call: CallRef) -> bool:
    """True when `flag` governs `call`.

    A customer-scope deletion covers the calls that started before it was accepted; a call that
    started later is kept. Customer-scope restrictions and holds cover every call of the customer.
    A call whose start is unknown is treated as covered (recall over precision).
    """
    if flag.scope == "call":
        return flag.subject_id == call.call_id
    if call.customer_id is None or flag.subject_id != call.customer_id:
        return False
    if flag.kind == "delete_recording" and call.started_at is not None:
        return call.started_at < flag.accepted_at
    return flag.kind != "do_not_record"


def is_about(flag: ConsentFlag, call: CallRef) -> bool:
    """True when the flag names the call or its customer (whether or not it applies)."""
    if flag.scope == "call":
        return flag.subject_id == call.call_id
    return call.customer_id is not None and flag.subject_id == call.customer_id


@dataclass(frozen=True)
class CallConsent:
    """The consent state of one call, derived from every flag that applies to it."""

    do_not_record: bool = False
    # request ids of every do-not-record and deletion that applies, in acceptance order
    deletion_requests: tuple[str, ...] = ()
    restricted: bool = False
    hold_reason: str | None = None
    flags: tuple[str, ...] = field(default=())

    @property
    def deleted(self) -> bool:
        """A deletion (or do-not-record) was accepted for this call."""
        return bool(self.deletion_requests)

    @property
    def held(self) -> bool:
        """A legal hold is in force: deletions wait."""
        return self.hold_reason is not None

    @property
    def may_process(self) -> bool:
        """Transcription and redaction may run (never after a do-not-record or a deletion)."""
        return not self.deleted

    @property
    def may_export(self) -> bool:
        """The call may appear in a training export."""
        return not self.deleted and not self.restricted

    @property
    def must_purge(self) -> bool:
        """Every artifact must go now: deleted and not held."""
        return self.deleted and not self.held


def evaluate(flags: Iterable[ConsentFlag], call: CallRef) -> CallConsent:
    """Fold the flags that apply to `call`, in acceptance order, into its consent state."""
    dnr = restricted = False
    deletions: list[str] = []
    holds: dict[tuple[str, str], str] = {}
    kinds: list[str] = []
    for flag in sorted(flags, key=lambda f: f.accepted_at):
        if not applies_to(flag, call):
            continue
        kinds.append(flag.kind)
        subject = (flag.scope, flag.subject_id)
        if flag.kind == "do_not_record":
            dnr = True
            deletions.append(flag.request_id)
        elif flag.kind == "delete_recording":
            deletions.append(flag.request_id)
        elif flag.kind == "restrict_training":
            restricted = True
        elif flag.kind == "legal_hold":
            holds[subject] = flag.reason or "legal hold"
        elif flag.kind == "release_hold":
            holds.pop(subject, None)
    return CallConsent(
        do_not_record=dnr,
        deletion_requests=tuple(deletions),
        restricted=restricted,
        hold_reason=next(iter(holds.values()), None),
        flags=tuple(dict.fromkeys(kinds)),
    )


class ConsentLedger(Protocol):
    """Every accepted flag, readable by every stage; the source of truth for consent."""

    def record(self, flag: ConsentFlag) -> bool:
        """Store an accepted flag; False when this request id was already recorded."""

    def fence(self) -> None:
        """Wait until this view has caught up with every flag accepted so far."""

    def flags_for(self, call: CallRef) -> list[ConsentFlag]:
        """Every flag that may apply to `call` (call scope, or its customer's scope)."""

    def flags_since(self, since: datetime | None = None) -> list[ConsentFlag]:
        """Every flag accepted at or after `since` (all when None), in acceptance order."""


def consent_of(ledger: ConsentLedger, call: CallRef, *, fence: bool = True) -> CallConsent:
    """The call's consent state as of now: fence first, so no accepted flag is missed."""
    if fence:
        ledger.fence()
    return evaluate(ledger.flags_for(call), call)


class InMemoryLedger:
    """A list-backed ConsentLedger for unit tests; fencing is trivial."""

    def __init__(self) -> None:
        self.flags: list[ConsentFlag] = []

    def record(self, flag: ConsentFlag) -> bool:
        if any(f.request_id == flag.request_id for f in self.flags):
            return False
        self.flags.append(flag)
        return True

    def fence(self) -> None:
        return None

    def flags_for(self, call: CallRef) -> list[ConsentFlag]:
        return [f for f in self.flags if is_about(f, call)]

    def flags_since(self, since: datetime | None = None) -> list[ConsentFlag]:
        return [f for f in self.flags if since is None or f.accepted_at >= since]
