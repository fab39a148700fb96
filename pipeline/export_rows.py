"""Training export: redacted transcripts of calls that consent allows, one JSON row per call."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from pipeline.calls import call_ref
from pipeline.consent import consent_of
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound

_REDACTED_SUFFIX = "/transcript/redacted.json"
# The only fields of a redacted transcript that leave varsam; nothing that names a person.
_ROW_FIELDS = (
    "call_id",
    "language",
    "duration_s",
    "text",
    "segments",
    "entity_counts",
    "models",
    "redacted_at",
)


def redacted_call_ids(ctx: StageContext) -> list[str]:
    """Every call that has a redacted transcript, sorted."""
    return [
        key[len("calls/") : -len(_REDACTED_SUFFIX)]
        for key in ctx.store.list("calls/")
        if key.endswith(_REDACTED_SUFFIX)
    ]


def may_export(ctx: StageContext, call_id: str, *, fence: bool = True) -> bool:
    """True when the call's consent allows it in a training export right now."""
    return consent_of(ctx.ledger, call_ref(ctx.store, call_id), fence=fence).may_export


def export_rows(ctx: StageContext, since: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Yield one row per exportable call redacted at or after `since`."""
    ctx.ledger.fence()
    for call_id in redacted_call_ids(ctx):
        if not may_export(ctx, call_id, fence=False):
            continue
        try:
            document = json.loads(ctx.store.get_bytes(f"calls/{call_id}{_REDACTED_SUFFIX}"))
        except ObjectNotFound:
            continue  # purged while we listed
        if since is not None and datetime.fromisoformat(document["redacted_at"]) < since:
            continue
        row = {name: document[name] for name in _ROW_FIELDS}
        row["segments"] = [
            {k: seg[k] for k in ("start", "end", "speaker", "text", "entities")}
            for seg in document["segments"]
        ]
        if document.get("audio_key"):
            row["audio_key"] = document["audio_key"]  # the redacted audio, never the original
        yield row


def still_exportable(ctx: StageContext, call_ids: Iterable[str]) -> set[str]:
    """The subset of `call_ids` that may still be exported, checked after a fresh fence."""
    ctx.ledger.fence()
    return {c for c in call_ids if may_export(ctx, c, fence=False)}
