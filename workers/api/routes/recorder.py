"""The recording system's endpoint: upload a finished call (streamed to disk, then the store)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePath

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from pipeline.keys import AUDIO_EXTENSIONS
from workers.api.auth import require
from workers.api.problems import Problem
from workers.api.routes import service_of

router = APIRouter(prefix="/v1", tags=["recorder"])
_FIELDS = ("call_id", "customer_id", "agent_id", "layout", "language")

UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "call_id"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "call_id": {"type": "string"},
                        "customer_id": {"type": "string"},
                        "agent_id": {"type": "string"},
                        "layout": {"type": "string", "enum": ["mono", "stereo"]},
                        "language": {"type": "string"},
                    },
                }
            }
        },
    }
}


@router.post(
    "/calls",
    status_code=202,
    dependencies=[Depends(require("recorder"))],
    openapi_extra=UPLOAD_SCHEMA,
    summary="Upload a finished call (multipart: file + call_id, customer_id, agent_id, ...)",
)
async def upload_call(request: Request) -> dict:
    """Land a recording: 202 with its state (`queued`, or `not_recorded` when consent keeps
    it out)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Problem(415, "unsupported_media_type", "send multipart/form-data")
    # Starlette spools each file part to disk past 1 MB; the body limit stops it mid-stream.
    form = await request.form(max_files=1, max_fields=len(_FIELDS), max_part_size=1024)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Problem(400, "missing_file", "the form needs a file part named 'file'")
        fields = {k: form.get(k) for k in _FIELDS}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            raise Problem(400, "invalid_form", "only 'file' may be a file part")
        if not fields["call_id"]:
            raise Problem(400, "missing_call_id", "the form needs a call_id field")
        ext = PurePath(upload.filename or "").suffix.lower().lstrip(".")
        ext = "ogg" if ext == "oga" else ext
        if ext not in AUDIO_EXTENSIONS:
            raise Problem(
                415,
                "unsupported_format",
                f"file name must end in one of: {', '.join(AUDIO_EXTENSIONS)}",
            )
        return await run_in_threadpool(_ingest, request, upload, ext, fields)
    finally:
        await form.close()


def _ingest(request: Request, upload: UploadFile, ext: str, fields: dict) -> dict:
    settings = request.app.state.settings
    with tempfile.TemporaryDirectory(prefix="varsam-upload-") as tmp:
        path = Path(tmp) / f"upload.{ext}"
        upload.file.seek(0)
        with open(path, "wb") as out:
            shutil.copyfileobj(upload.file, out, 1024 * 1024)
        with service_of(request) as service:
            event = service.ingest(
                path,
                call_id=fields["call_id"],
                customer_id=fields["customer_id"] or None,
                agent_id=fields["agent_id"] or None,
                language=fields["language"] or None,
                layout=fields["layout"] or "mono",
                max_duration_s=settings.api.max_call_duration_s,
            )
    request.app.state.wake()
    state = "queued" if event is not None else "not_recorded"
    return {"call_id": fields["call_id"], "state": state}
