"""The /v1 endpoints, one module per role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from fastapi import Request

from workers.api.problems import Problem
from workers.service import Service


@contextmanager
def service_of(request: Request) -> Iterator[Service]:
    """Borrow a service instance for the request."""
    with request.app.state.pool.use() as service:
        yield service


def parse_time(value: str | None, name: str = "since") -> datetime | None:
    """An ISO 8601 query parameter as an aware time; a 400 problem when it is not one."""
    if value is None or value == "":
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(400, "invalid_time", f"{name} must be an ISO 8601 time") from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
