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
