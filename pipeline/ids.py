"""Validation of call and customer ids before they go into an object key or a ledger row."""

from __future__ import annotations

import re
import uuid

from pipeline.errors import InvalidId

_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def validate_id(value: str, *, what: str = "call id") -> str:
    """Return `value` when it is a safe id, else raise InvalidId (the value is never echoed)."""
    if not isinstance(value, str) or not _ID.fullmatch(value) or ".." in value:
        raise InvalidId(f"invalid {what}: use 1-128 characters from A-Z a-z 0-9 . _ - and no '..'")
    if value in {".", "-"} or value.startswith("-"):
        raise InvalidId(f"invalid {what}: it must not be '.' or start with '-'")
    return value


def new_request_id() -> str:
    """A fresh, unguessable id for a deletion request or consent flag."""
    return f"req-{uuid.uuid4().hex}"


def loggable_key(key: str) -> str:
    """An event key as logs and the audit trail may show it: a valid call id as itself, a
    consent key as its scope only ("customer:<id>"), anything else as "-"."""
    if ":" in key:
        scope = key.split(":", 1)[0]
        return f"{scope}:<id>" if scope in ("call", "customer") else "-"
    try:
        return validate_id(key)
    except InvalidId:
        return "-"


def call_id_of(key: str) -> str | None:
    """The call id an event key names, when it is a call event's key."""
    shown = loggable_key(key)
    return None if shown == "-" or ":" in shown else shown
