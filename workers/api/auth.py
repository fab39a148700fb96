"""Who is calling: a bearer token's role decides which endpoints answer (401, then 403)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from workers.api.problems import Problem
from workers.api.tokens import Token


def caller_of(request: Request, roles: tuple[str, ...]) -> Token:
    """The live token behind the request, allowed one of `roles`; else a 401 or 403 problem."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Problem(401, "missing_token", "send Authorization: Bearer <token>", _challenge())
    token = request.app.state.tokens.verify(value.strip())
    if token is None:
        raise Problem(401, "invalid_token", "the token is unknown or revoked", _challenge())
    if token.role not in roles:
        raise Problem(403, "wrong_role", f"this endpoint is for: {', '.join(roles)}")
    request.state.caller = token
    return token


def require(*roles: str) -> Callable[[Request], Token]:
    """A dependency that admits only tokens of these roles."""

    def dependency(request: Request) -> Token:
        return caller_of(request, roles)

    dependency.roles = roles  # type: ignore[attr-defined]
    return dependency


def _challenge() -> dict[str, str]:
    return {"WWW-Authenticate": 'Bearer realm="varsam"'}
