"""Ingest stage: check consent, prove the recording decodes, index the call, pass it on."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.audio import probe_audio
from pipeline.calls import CallMeta, landing_objects, meta_key, meta_objects
from pipeline.consent import CallRef
from pipeline.errors import InvalidRequest
from pipeline.events import CallIngested, RecordingReceived
from pipeline.stages.context import StageContext
from pipeline.stages.purge import enforce, keep_held


class LayoutMismatch(InvalidRequest):
    """A recording declared stereo that has a single channel."""

    reason = "layout_mismatch"


def land(ctx: StageContext, event: RecordingReceived, put: Callable[[], None]) -> bool:
    """Store a recording's landing copy with `put`, fenced; True when it may be queued.

    A call consent already says to purge is never stored; a held one is stored but not queued.
    What is known of the call and its customer index marker are written first, under the same
    write intent, so that a deletion knows the call's customer and a customer-wide deletion
    finds the call from its first stored byte on (and again when a hold on it is released).
    A flag accepted during the upload is caught by the check after it; a deletion that raced
    the upload waits for the intent (renewed for as long as the upload runs) before it
    completes; an upload the lease did not cover throughout is deleted (WriteLeaseLapsed).
    """
    call = CallRef(event.call_id, event.customer_id, event.started_at)
    with ctx.write_intent(call) as lease:
        consent = ctx.consent(call)
        if consent.must_purge:
            ctx.record(
                "refused_at_landing", call_id=event.call_id, detail={"flags": list(consent.flags)}
            )
            return False
        ctx.check_lease(lease)
        if consent.deleted:
            # Held since its deletion ran: its receipts say held before anything is stored,
            # so none says completed while this copy exists (the release deletes it).
            keep_held(ctx, call, consent)
        for key, body in landing_objects(_landing_meta(event)):
            ctx.store.put_bytes(key, body)
        put()
        consent = ctx.consent(call)
        if consent.must_purge:
            enforce(ctx, call, consent)
            return False
        if consent.deleted:  # a deletion accepted during the upload, under the hold
            keep_held(ctx, call, consent)
        # An upload that outlived its lease is undone and retried (what is known of the call
        # stays, for a deletion to find).
        ctx.check_lease(lease, undo=event.audio_key)
    return consent.may_process


def _landing_meta(event: RecordingReceived) -> CallMeta:
    # What is known before ingest has probed the audio (no duration or channels yet).
    return CallMeta(
        call_id=event.call_id,
        started_at=event.started_at,
        layout=event.layout,
        language=event.language,
        customer_id=event.customer_id,
        agent_id=event.agent_id,
    )


def handle(event: RecordingReceived, ctx: StageContext) -> list[CallIngested]:
    """Validate and index a landed recording; a flagged call is purged here and goes no further."""
    call = CallRef(event.call_id, event.customer_id, event.started_at)
    consent = ctx.consent(call)
    if not consent.may_process:
        if enforce(ctx, call, consent):
            ctx.record(
                "refused_at_ingest", call_id=event.call_id, detail={"flags": list(consent.flags)}
            )
        return []
    suffix = "." + event.audio_key.rsplit(".", 1)[-1]
    with ctx.local_copy(event.audio_key, suffix=suffix) as path:
        info = probe_audio(path, ctx.max_audio_s)
    if event.layout == "stereo" and info.channels < 2:
        raise LayoutMismatch("layout is stereo but the recording has one channel")
    meta = CallMeta(
        call_id=event.call_id,
        started_at=event.started_at,
        layout=event.layout,
        language=event.language,
        customer_id=event.customer_id,
        agent_id=event.agent_id,
        duration_s=round(info.duration_s, 3),
        channels=info.channels,
    )
    # The index marker is the landing's (a recording landed before it wrote one gets it now).
    for key, body in meta_objects(meta):
        if key != meta_key(meta.call_id) and ctx.store.exists(key):
            continue
        if not ctx.write_artifact(call, key, body):
            enforce(ctx, call, ctx.consent(call))
            return []
    return [
        CallIngested(
            call_id=event.call_id,
            audio_key=event.audio_key,
            audio_sha256=event.audio_sha256,
            layout=event.layout,
            language=event.language,
            duration_s=meta.duration_s or 0.0,
            channels=info.channels,
            started_at=event.started_at,
            customer_id=event.customer_id,
        )
    ]
