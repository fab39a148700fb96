"""The trainer's endpoints: the export stream with its cursor, redacted audio, revocations."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from pipeline.ids import validate_id
from workers.api.auth import require
from workers.api.problems import Problem
from workers.api.routes import parse_time, service_of

router = APIRouter(prefix="/v1", tags=["trainer"])
trainer = require("trainer")
CURSOR_HEADER = "Varsam-Cursor"


@router.get("/export", dependencies=[Depends(trainer)], response_class=StreamingResponse)
def export(request: Request, since: str | None = None) -> StreamingResponse:
    """Redacted transcripts as NDJSON, one row per call redacted after `since`, never a
    restricted or flagged call. Resume with `since` = the `Varsam-Cursor` header's value."""
    after = parse_time(since)
    with service_of(request) as service:
        until = service.cursor_horizon()
        rows, export_id = service.export_batch(after, until)
    cursor = max(until, after) if after is not None else until
    headers = {
        CURSOR_HEADER: cursor.isoformat(),
        "Varsam-Export-Id": export_id,
        "Link": f'</v1/export?since={quote(cursor.isoformat())}>; rel="next"',
    }
    return StreamingResponse(_lines(rows), media_type="application/x-ndjson", headers=headers)


def _lines(rows: list[dict]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode()


@router.get("/calls/{call_id}/redacted-audio", dependencies=[Depends(trainer)])
def redacted_audio(call_id: str, request: Request) -> FileResponse:
    """The call's redacted (bleeped) audio, while the call may be exported."""
    validate_id(call_id)
    tmp = tempfile.TemporaryDirectory(prefix="varsam-audio-")
    path = Path(tmp.name) / "redacted.wav"
    with service_of(request) as service:
        found = service.redacted_audio(call_id, path)
    if not found:
        tmp.cleanup()
        raise Problem(404, "no_redacted_audio", "no redacted audio may be served for this call")
    return FileResponse(
        path,
        media_type="audio/wav",
        filename=f"{call_id}.wav",
        background=BackgroundTask(tmp.cleanup),
    )


@router.get("/revocations", dependencies=[Depends(trainer)])
def revocations(request: Request, since: str | None = None) -> dict:
    """Exported calls revoked by flags accepted at or after `since`: drop them from copies
    already pulled. Resume with `since` = `cursor`."""
    after = parse_time(since)
    with service_of(request) as service:
        until = service.cursor_horizon()
        feed = [r for r in service.revocations(after) if r.revoked_at <= until]
    cursor = max(until, after) if after is not None else until
    return {"revocations": [r.to_json() for r in feed], "cursor": cursor.isoformat()}
