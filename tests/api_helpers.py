"""Shared by the API tests: the role tokens and a client that sends them."""

from __future__ import annotations

from config.settings import Settings
from workers.api.app import token_store
from workers.api.tokens import ROLES


def make_tokens(settings: Settings) -> dict[str, str]:
    """One live token per role (named `<role>-1`), one revoked, one never issued."""
    store = token_store(settings)
    tokens = {role: store.create(role, f"{role}-1") for role in ROLES}
    tokens["revoked"] = store.create("privacy", "revoked-1")
    store.revoke("revoked-1")
    tokens["unknown"] = "vst_" + "x" * 43
    return tokens


def bearer(token: str | None) -> dict[str, str]:
    """The Authorization header for a token (none for None)."""
    return {"Authorization": f"Bearer {token}"} if token else {}
