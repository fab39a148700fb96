"""The privacy team's endpoints: deletions and their receipts, holds, restrictions, access
reports, the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from workers.api.auth import require
from workers.api.routes import parse_time, service_of
from workers.api.tokens import Token

router = APIRouter(prefix="/v1", tags=["privacy"])
privacy = require("privacy")
PrivacyToken = Annotated[Token, Depends(privacy)]


class Subject(BaseModel):
    """One call, or every call of one customer."""

    model_config = ConfigDict(extra="forbid")

    call_id: str | None = Field(default=None, max_length=128)
    customer_id: str | None = Field(default=None, max_length=128)


class HoldRequest(Subject):
    """A legal hold and why it is needed."""

    reason: str = Field(min_length=1, max_length=200)


def _accept(request: Request, kind: str, subject: Subject, by: str, reason: str | None = None):
    with service_of(request) as service:
        flag = service.flag(
            kind,
            call_id=subject.call_id,
            customer_id=subject.customer_id,
            by=by,
            reason=reason,
        )
        receipt = service.find_receipt(flag.request_id)
    request.app.state.wake()
    body = {
        "request_id": flag.request_id,
        "kind": kind,
        "accepted_at": flag.accepted_at.isoformat(),
    }
    if receipt is not None:
        body["state"] = receipt.state
    return body


@router.post("/deletions", status_code=202)
def request_deletion(subject: Subject, request: Request, caller: PrivacyToken) -> dict:
    """Delete a call's (or a customer's) recordings; 202 with the request id of the receipt."""
    return _accept(request, "delete_recording", subject, caller.name)


@router.get("/deletions", dependencies=[Depends(privacy)])
def list_requests(request: Request, limit: int = Query(default=100, ge=1, le=1000)) -> dict:
    """The latest consent requests, newest first, with their receipts."""
    with service_of(request) as service:
        return {"requests": service.requests(limit)}


@router.get("/deletions/{request_id}", dependencies=[Depends(privacy)])
def deletion_receipt(request_id: str, request: Request) -> dict:
    """The receipt: `pending`, `completed` (with counts) or `held` (with the reason)."""
    with service_of(request) as service:
        return service.receipt(request_id).to_json()


@router.post("/holds", status_code=202)
def place_hold(hold: HoldRequest, request: Request, caller: PrivacyToken) -> dict:
    """A legal hold: deletions wait, with this reason, until it is released."""
    subject = Subject(call_id=hold.call_id, customer_id=hold.customer_id)
    return _accept(request, "legal_hold", subject, caller.name, hold.reason)


@router.post("/holds/release", status_code=202)
def release_hold(subject: Subject, request: Request, caller: PrivacyToken) -> dict:
    """Release a legal hold; deletions that waited for it run now."""
    return _accept(request, "release_hold", subject, caller.name)


@router.post("/restrictions", status_code=202)
def restrict(subject: Subject, request: Request, caller: PrivacyToken) -> dict:
    """Keep a call (or every call of a customer) out of training from now on."""
    return _accept(request, "restrict_training", subject, caller.name)


@router.get("/customers/{customer_id}/report", dependencies=[Depends(privacy)])
def access_report(customer_id: str, request: Request) -> dict:
    """What varsam holds about a customer: calls, artifacts, flags, holds, retention, exports."""
    with service_of(request) as service:
        return service.report(customer_id)


@router.get("/audit", dependencies=[Depends(privacy)])
def audit_trail(
    request: Request,
    since: str | None = None,
    limit: int = Query(default=1000, ge=1, le=10000),
) -> dict:
    """Audit records at or after `since` (ISO 8601), oldest first."""
    at = parse_time(since)
    with service_of(request) as service:
        return {"records": service.audit_trail(at, limit)}
