"""Redact stage: the safe, redacted transcript of a transcribed call, and its redacted audio."""

from __future__ import annotations

import hashlib
import hmac
import json
import tempfile
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from pydantic import SecretStr

from pipeline import keys
from pipeline.answer_windows import TranscriptRedaction
from pipeline.audio_redaction import AudioMode, AudioRedaction, entity_intervals, redact_audio
from pipeline.calls import call_ref
from pipeline.consent import CallRef
from pipeline.events import CallRedacted, CallTranscribed
from pipeline.redacted import redact_transcript
from pipeline.redaction.operators import RedactionPolicy
from pipeline.stages.context import StageContext
from pipeline.storage import ObjectNotFound, sha256_bytes, sha256_file
from pipeline.transcript import Transcript


class RedactionConfig(Protocol):
    """The `[redaction]` settings the stage needs (config.settings.RedactionSettings)."""

    operator: str
    operators: Mapping[str, str]
    secret: SecretStr | None
    audio: AudioMode
    audio_padding_ms: float
    bleep_hz: float
    dialogue_window_s: float
    unsure_word_probability: float


def configure(ctx: StageContext, config: RedactionConfig) -> None:
    """Give the context the configured redaction policy and audio redaction."""
    secret = config.secret.get_secret_value().encode() if config.secret else b""
    ctx.redaction_policy = RedactionPolicy(config.operator, dict(config.operators), secret)
    ctx.audio_redaction = AudioRedaction(
        mode=config.audio, padding_s=config.audio_padding_ms / 1000, tone_hz=config.bleep_hz
    )
    ctx.transcript_redaction = TranscriptRedaction(
        dialogue_window_s=config.dialogue_window_s,
        unsure_probability=config.unsure_word_probability,
    )


def handle(event: CallTranscribed, ctx: StageContext) -> list[CallRedacted]:
    """Redact once per raw transcript; a redelivery re-announces the stored result."""
    if ctx.analyzer is None:
        raise RuntimeError("the redact stage needs an analyzer")
    call = call_ref(ctx.store, event.call_id, event.customer_id, event.started_at)
    if not ctx.consent(call).may_process:
        return []
    key = keys.redacted_transcript(event.call_id)
    document = _stored(ctx, key, event.transcript_sha256)
    changed = document is None
    if document is None:
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
            policy=_keyed(ctx),
            options=ctx.transcript_redaction,
        )
    if _audio_due(ctx, document, changed):
        audio = _redact_audio(ctx, call, document)
        if audio is None:
            return []  # flagged while we worked: nothing of ours is left
        if audio:
            document.update(audio)
            changed = True
    body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    if changed and not ctx.write_artifact(call, key, body):
        ctx.store.delete(keys.redacted_audio(event.call_id))
        return []
    if not changed and not ctx.consent(call).may_process:
        return []
    return [
        CallRedacted(
            call_id=event.call_id,
            redacted_key=key,
            redacted_sha256=sha256_bytes(body),
            entity_counts=document["entity_counts"],
        )
    ]


def _stored(ctx: StageContext, key: str, source_sha256: str) -> dict[str, Any] | None:
    # The redacted transcript of this very raw transcript, if an earlier delivery wrote it.
    try:
        document = json.loads(ctx.store.get_bytes(key))
    except ObjectNotFound:
        return None
    return document if document.get("source_sha256") == source_sha256 else None


def _keyed(ctx: StageContext) -> RedactionPolicy:
    # Without a configured key, one derived from the audit secret: stable for the deployment.
    policy = ctx.redaction_policy
    if policy.secret:
        return policy
    derived = hmac.new(ctx.audit_secret, b"varsam-redaction-key", hashlib.sha256).digest()
    return replace(policy, secret=derived)


def _audio_due(ctx: StageContext, document: dict[str, Any], changed: bool) -> bool:
    if ctx.audio_redaction.mode == "off":
        return False
    if changed or "audio_key" not in document:
        return True
    return not ctx.store.exists(document["audio_key"])


def _redact_audio(
    ctx: StageContext, call: CallRef, document: dict[str, Any]
) -> dict[str, Any] | None:
    """Write the redacted audio; return its fields for the transcript ({} when there is no
    original to redact), or None when the call was flagged meanwhile and nothing was left."""
    originals = ctx.store.list(keys.call_prefix(call.call_id) + "audio/original.")
    spool = ctx.pcm_spool
    if not originals:
        if spool is not None:
            spool.discard_prefix(keys.call_prefix(call.call_id))
        return {}  # past the landing copy's retention: the transcript goes on alone
    options = ctx.audio_redaction
    key = keys.redacted_audio(call.call_id)
    suffix = "." + originals[0].rsplit(".", 1)[-1]
    kept = spool.take(originals[0]) if spool is not None else None
    try:
        with (
            (
                # The PCM the transcribe stage of this process decoded, else the original.
                nullcontext(kept)
                if kept is not None
                else ctx.local_copy(originals[0], suffix=suffix)
            ) as source,
            tempfile.TemporaryDirectory(prefix="varsam-") as tmp,
        ):
            dest = Path(tmp) / "redacted.wav"
            intervals = entity_intervals(document, options.padding_s)
            result = redact_audio(source, dest, intervals, options)
            if not ctx.write_artifact_file(call, key, dest):
                return None
            digest = sha256_file(dest)
    finally:
        if spool is not None:
            spool.discard(originals[0])
    return {
        "audio_key": key,
        "audio": {
            "mode": options.mode,
            "padding_s": options.padding_s,
            "covered_s": round(result.covered_s, 3),
            "channels": result.channels,
            "sha256": digest,
        },
    }
