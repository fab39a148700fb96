"""Retention: landing audio and raw transcripts expire after their configured periods."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline import keys
from pipeline.calls import call_ref
from pipeline.stages.context import StageContext


@dataclass(frozen=True)
class RetentionPolicy:
    """How long the restricted artifacts live; redacted ones are kept until a deletion."""

    landing_audio_days: float = 30
    raw_transcript_days: float = 7

    def limit(self, kind: str) -> timedelta | None:
        """The maximum age of an artifact kind, or None when retention does not apply to it."""
        days = {
            "original_audio": self.landing_audio_days,
            "raw_transcript": self.raw_transcript_days,
        }.get(kind)
        return None if days is None else timedelta(days=days)


def expiry(policy: RetentionPolicy, kind: str, written_at: datetime) -> datetime | None:
    """When an artifact written at `written_at` expires (None: kept until deleted)."""
    limit = policy.limit(kind)
    return None if limit is None else written_at + limit


def expire(ctx: StageContext, policy: RetentionPolicy) -> dict[str, int]:
    """Delete every expired restricted artifact, except under a legal hold; count by kind."""
    now = ctx.clock()
    removed: Counter[str] = Counter()
    held: dict[str, bool] = {}
    for key, written_at in ctx.store.list_modified("calls/").items():
        kind = keys.artifact_kind(key)
        until = expiry(policy, kind, written_at)
        if until is None or until > now:
            continue
        call_id = key.split("/", 2)[1]
        if call_id not in held:
            held[call_id] = ctx.consent(call_ref(ctx.store, call_id)).held
        if not held[call_id] and ctx.store.delete(key):
            removed[kind] += 1
            ctx.record("retention_expired", call_id=call_id, detail={"kind": kind})
    return dict(removed)
