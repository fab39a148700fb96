"""Transcribe stage: raw transcript of an ingested call, written only while consent allows."""

from __future__ import annotations

import json
import time

from pipeline import keys
from pipeline.calls import call_ref
from pipeline.events import CallIngested, CallTranscribed
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound, sha256_bytes
from pipeline.transcript import Transcript


def handle(event: CallIngested, ctx: StageContext) -> list[CallTranscribed]:
    """Transcribe once; a redelivered event re-announces the transcript already stored."""
    if ctx.transcriber is None:
        raise RuntimeError("the transcribe stage needs a transcriber")
    call = call_ref(ctx.store, event.call_id, event.customer_id, event.started_at)
    if not ctx.consent(call).may_process:
        return []
    key = keys.raw_transcript(event.call_id)
    try:
        body = ctx.store.get_bytes(key)
        transcript = Transcript.from_json(json.loads(body))
        elapsed = 0.0
    except ObjectNotFound:
        started = time.perf_counter()
        suffix = "." + event.audio_key.rsplit(".", 1)[-1]
        # Decode once: the redact stage of this process covers the PCM decoded here.
        spool = ctx.pcm_spool if ctx.audio_redaction.mode != "off" else None
        keep = spool.reserve(event.audio_key) if spool is not None else None
        try:
            with ctx.local_copy(event.audio_key, suffix=suffix) as path:
                transcript = ctx.transcriber.transcribe(
                    path,
                    call_id=event.call_id,
                    stereo=event.layout == "stereo",
                    language=event.language,
                    **({"keep_pcm": keep} if keep is not None else {}),
                )
        except ObjectNotFound:
            if spool is not None:
                spool.discard(event.audio_key)
            return []  # purged since it was ingested
        except BaseException:
            if spool is not None:
                spool.discard(event.audio_key)
            raise
        elapsed = time.perf_counter() - started
        body = json.dumps(transcript.to_json(), ensure_ascii=False).encode()
        if not ctx.write_artifact(call, key, body):
            if spool is not None:
                spool.discard(event.audio_key)
            return []
    else:
        # Already stored by an earlier delivery: announce it again only while consent allows.
        if not ctx.consent(call).may_process:
            return []
    return [
        CallTranscribed(
            call_id=event.call_id,
            transcript_key=key,
            transcript_sha256=sha256_bytes(body),
            language=transcript.language,
            duration_s=transcript.duration_s,
            asr_model=transcript.asr_model,
            asr_seconds=round(elapsed, 3),
            customer_id=call.customer_id,
            started_at=call.started_at,
        )
    ]
