"""The app factory: API routes per role, the console, errors, limits, audit, metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.settings import Settings
from workers.api import console, problems
from workers.api.backend import PipelineThread, ServicePool, service_factory
from workers.api.limits import BodyLimit
from workers.api.metrics import Metrics
from workers.api.routes import agent, operator, privacy, recorder, trainer
from workers.api.tokens import TokenStore
from workers.runners.embedded import Embedded

TOKENS_FILE = "api-tokens.json"


def token_store(settings: Settings) -> TokenStore:
    """The deployment's token file, in the data folder."""
    return TokenStore(Path(settings.data_dir) / TOKENS_FILE)


def create_app(
    settings: Settings,
    *,
    run_pipeline: bool | None = None,
    pipeline_factory: Callable[[], Embedded] | None = None,
) -> FastAPI:
    """The whole HTTP front door for `settings`' backend; in embedded mode (unless told not
    to) it also runs the pipeline's stages on a background thread (an Embedded made by
    `pipeline_factory`, by default with the configured models)."""
    run_pipeline = settings.api.run_pipeline if run_pipeline is None else run_pipeline
    embedded_pipeline = settings.backend == "embedded" and run_pipeline
    state: dict = {"pipeline": None}

    def wake() -> None:
        if state["pipeline"] is not None:
            state["pipeline"].wake()

    pool = ServicePool(service_factory(settings, wake), settings.api.service_pool)
    metrics = Metrics(pool.use)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if embedded_pipeline:
            embedded = pipeline_factory() if pipeline_factory else None
            pipeline = PipelineThread(settings, metrics.on_handled, embedded)
            state["pipeline"] = app.state.pipeline = pipeline
            pipeline.start()
        try:
            yield
        finally:
            if state["pipeline"] is not None:
                await run_in_threadpool(state["pipeline"].stop)
            pool.close()

    # Swagger UI and ReDoc from files in a PyPI package, not a CDN: /docs works offline too.
    app = FastAPIOffline(
        title="varsam",
        version="1",
        summary="Support-call recordings: consent, transcription, redaction.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.tokens = token_store(settings)
    app.state.pool = pool
    app.state.metrics = metrics
    app.state.pipeline = None
    app.state.wake = wake
    problems.install(app)
    for module in (recorder, agent, privacy, trainer, operator):
        app.include_router(module.router)
    console.install(app)
    app.add_middleware(AuditAccepted, pool=pool, metrics=metrics)
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Varsam-Cursor"],
        )
    app.add_middleware(
        BodyLimit,
        max_body=settings.api.max_body_bytes,
        max_upload=settings.api.max_upload_bytes,
        upload_path="/v1/calls",
    )
    return app


class AuditAccepted:
    """ASGI middleware: every request a token was accepted for goes into the audit trail (the
    token's name, role, route template and status; never the token, never the path's ids),
    and every answered request into the request counter."""

    def __init__(self, app: ASGIApp, *, pool: ServicePool, metrics: Metrics) -> None:
        self.app, self.pool, self.metrics = app, pool, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def tracked(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(template, scope["method"], str(status)).inc()
            caller = (scope.get("state") or {}).get("caller")
            if caller is not None:
                await run_in_threadpool(self._audit, caller, scope["method"], template, status)

    def _audit(self, caller, method: str, template: str, status: int) -> None:
        detail = {"token": caller.name, "role": caller.role, "method": method, "route": template}
        detail["status"] = status
        with self.pool.use() as service:
            service.record_request(detail)
