"""Liveness for anyone; readiness and Prometheus metrics for operators."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from workers.api.auth import require
from workers.api.routes import service_of

router = APIRouter(tags=["operator"])


@router.get("/healthz")
def healthz() -> dict:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz", dependencies=[Depends(require("operator"))])
def readyz(request: Request) -> JSONResponse:
    """Store, ledger and broker (and the embedded pipeline thread) answer: 200, else 503."""
    with service_of(request) as service:
        checks = service.readiness()
    pipeline = request.app.state.pipeline
    if pipeline is not None:
        checks["pipeline"] = pipeline.alive
    ready = all(checks.values())
    body = {"status": "ready" if ready else "unready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics", dependencies=[Depends(require("operator"))])
def metrics(request: Request) -> Response:
    """Prometheus text: requests, calls by state, stage latency, DLQ, deletion latency,
    redactions by type."""
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
