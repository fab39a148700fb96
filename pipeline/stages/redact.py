"""Redact stage: the safe, redacted transcript of a transcribed call."""

from __future__ import annotations

import json

from pipeline import keys
from pipeline.calls import load_meta
from pipeline.consent import CallRef
from pipeline.events import CallRedacted, CallTranscribed
from pipeline.redacted import redact_transcript
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound, sha256_bytes
from pipeline.transcript import Transcript


def handle(event: CallTranscribed, ctx: StageContext) -> list[CallRedacted]:
    """Redact once per raw transcript; a redelivery re-announces the stored result."""
    if ctx.analyzer is None:
        raise RuntimeError("the redact stage needs an analyzer")
    meta = load_meta(ctx.store, event.call_id)
    call = meta.ref if meta else CallRef(event.call_id)
    if not ctx.consent(call).may_process:
        return []
    key = keys.redacted_transcript(event.call_id)
    try:
        body = ctx.store.get_bytes(key)
        document = json.loads(body)
        if document.get("source_sha256") != event.transcript_sha256:
            raise ObjectNotFound(key)  # a newer raw transcript: redact it again
    except ObjectNotFound:
        try:
            raw = ctx.store.get_bytes(event.transcript_key)
        except ObjectNotFound:
            return []  # purged meanwhile; nothing to redact
        document = redact_transcript(
            Transcript.from_json(json.loads(raw)),
            ctx.analyzer,
            versions=ctx.analyzer_versions,
            redacted_at=ctx.clock(),
            source_sha256=sha256_bytes(raw),
        )
        body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
        if not ctx.consent(call).may_process:
            return []
        ctx.store.put_bytes(key, body)
    if not ctx.consent(call).may_process:
        ctx.store.delete(key)
        return []
    return [
        CallRedacted(
            call_id=event.call_id,
            redacted_key=key,
            redacted_sha256=sha256_bytes(body),
            entity_counts=document["entity_counts"],
        )
    ]
