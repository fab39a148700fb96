"""Export manifests: which calls each training export included, and when (no personal data)."""

from __future__ import annotations

import json

from pipeline.ids import new_request_id
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound

EXPORTS_PREFIX = "exports/"


def record_export(ctx: StageContext, call_ids: list[str]) -> str:
    """Store the manifest of an export that was just written; return its id."""
    export_id = new_request_id().replace("req-", "exp-")
    manifest = {"export_id": export_id, "at": ctx.clock().isoformat(), "calls": sorted(call_ids)}
    ctx.store.put_bytes(f"{EXPORTS_PREFIX}{export_id}.json", json.dumps(manifest).encode())
    return export_id


def manifests(ctx: StageContext) -> list[dict]:
    """Every export manifest, oldest first."""
    found = []
    for key in ctx.store.list(EXPORTS_PREFIX):
        try:
            found.append(json.loads(ctx.store.get_bytes(key)))
        except (ObjectNotFound, ValueError):
            continue
    return sorted(found, key=lambda m: m["at"])


def exported_calls(ctx: StageContext) -> set[str]:
    """Every call that any export has included."""
    return {call_id for manifest in manifests(ctx) for call_id in manifest["calls"]}


def exports_of(ctx: StageContext) -> dict[str, list[dict[str, str]]]:
    """For each exported call, the exports (id and time) that included it."""
    index: dict[str, list[dict[str, str]]] = {}
    for manifest in manifests(ctx):
        for call_id in manifest["calls"]:
            index.setdefault(call_id, []).append(
                {"export_id": manifest["export_id"], "at": manifest["at"]}
            )
    return index
