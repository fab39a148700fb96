"""The agent's endpoints: flag a call do-not-record (before or after it exists), and look."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from workers.api.auth import require
from workers.api.routes import service_of
from workers.api.tokens import Token

router = APIRouter(prefix="/v1", tags=["agent"])
AgentToken = Annotated[Token, Depends(require("agent"))]


@router.post("/calls/{call_id}/do-not-record", status_code=202)
def do_not_record(call_id: str, request: Request, caller: AgentToken):
    """Never keep, transcribe or export this call; idempotent (a repeat returns the first
    flag, 200), valid before the call is uploaded."""
    with service_of(request) as service:
        flag, new = service.do_not_record(call_id, by=caller.name)
    body = {
        "request_id": flag.request_id,
        "call_id": flag.subject_id,
        "accepted_at": flag.accepted_at.isoformat(),
        "new": new,
    }
    return JSONResponse(body, status_code=202 if new else 200)


@router.get("/calls/{call_id}", dependencies=[Depends(require("operator", "privacy", "agent"))])
def call_status(call_id: str, request: Request) -> dict:
    """A call's state, stages done and flags; ids and kinds only."""
    with service_of(request) as service:
        return service.status(call_id)
