"""Errors as application/problem+json (RFC 9457): a stable reason code, nothing personal."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.errors import (
    AudioTooLong,
    ConsentViolation,
    InvalidId,
    InvalidRequest,
    UndecodableAudio,
    UnknownRequest,
    VarsamError,
)
from pipeline.storage import StoreUnavailable
from workers.adapters.kafka_bus import BusUnavailable

log = logging.getLogger("varsam.api")

MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal server error",
    503: "Service unavailable",
}


class Problem(Exception):
    """An API error with its status and safe reason code; `detail` must hold no request data."""

    def __init__(self, status: int, reason: str, detail: str, headers: dict | None = None) -> None:
        super().__init__(detail)
        self.status, self.reason, self.detail, self.headers = status, reason, detail, headers


def problem_response(
    status: int, reason: str, detail: str | None = None, headers: dict | None = None
) -> JSONResponse:
    """The problem document for a status and reason code."""
    body = {
        "type": f"urn:varsam:problem:{reason}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "reason": reason,
    }
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_of(exc: VarsamError) -> int:
    """The HTTP status of one of varsam's own errors."""
    if isinstance(exc, UnknownRequest):
        return 404
    if exc.reason == "call_exists" or isinstance(exc, ConsentViolation):
        return 409
    if isinstance(exc, InvalidId | InvalidRequest | AudioTooLong):
        return 400
    if isinstance(exc, UndecodableAudio):
        return 422
    if isinstance(exc, StoreUnavailable | BusUnavailable):
        return 503
    return 500


def install(app: FastAPI) -> None:
    """Turn every error the app can raise into a problem document."""

    @app.exception_handler(Problem)
    async def _problem(_: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.reason, exc.detail, exc.headers)

    @app.exception_handler(VarsamError)
    async def _varsam(_: Request, exc: VarsamError) -> JSONResponse:
        status = status_of(exc)
        # varsam's messages name validated ids and reason codes only (pipeline.errors).
        return problem_response(status, exc.reason, str(exc) if status < 500 else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Field locations and error kinds only: pydantic's messages may quote the input.
        fields = sorted(
            {".".join(str(p) for p in e["loc"][1:]) + f": {e['type']}" for e in exc.errors()}
        )
        return problem_response(422, "invalid_body", "; ".join(fields)[:500])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        reason = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        return problem_response(exc.status_code, reason, None, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error (%s)", type(exc).__name__)
        return problem_response(500, "internal_error")
