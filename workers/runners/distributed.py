"""The distributed mode's wiring: S3 store, Kafka publisher, consent view, audit topic."""

from __future__ import annotations

from datetime import datetime

from config.settings import Settings
from pipeline import events
from pipeline.errors import InvalidRequest
from pipeline.intents import StoreIntents
from pipeline.stages import redact
from pipeline.stages.context import StageContext
from workers.adapters.kafka_bus import KafkaAuditLog, KafkaPublisher, read_topic_json, topic_size
from workers.adapters.kafka_ledger import KafkaConsentLedger
from workers.adapters.s3_store import S3ObjectStore
from workers.service import Service


def s3_store(settings: Settings) -> S3ObjectStore:
    """The configured bucket (created if missing)."""
    s3 = settings.s3
    store = S3ObjectStore(
        bucket=s3.bucket,
        endpoint_url=s3.endpoint_url,
        region=s3.region,
        access_key=s3.access_key_id,
        secret_key=s3.secret_access_key.get_secret_value() if s3.secret_access_key else None,
        sse=None if s3.sse == "none" else s3.sse,
        block_public_access=s3.block_public_access,
    )
    store.ensure_bucket()
    return store


def distributed_context(settings: Settings, client_id: str) -> tuple[StageContext, KafkaPublisher]:
    """A StageContext over S3 and Kafka, and the publisher it writes with."""
    if not settings.audit.secret:
        raise InvalidRequest(
            "distributed mode needs VARSAM_AUDIT__SECRET (the same on every worker)",
            reason="missing_audit_secret",
        )
    publisher = KafkaPublisher(settings.kafka, client_id=client_id)
    store = s3_store(settings)
    ctx = StageContext(
        store=store,
        ledger=KafkaConsentLedger(settings.kafka, publisher),
        audit=KafkaAuditLog(publisher),
        audit_secret=settings.audit.secret.encode(),
        # Intents in the bucket itself: see README, "Why no deletion can miss a write".
        intents=StoreIntents(store),
        write_lease_s=settings.consent.write_lease_s,
        lease_skew_s=settings.consent.lease_skew_s,
        max_audio_s=settings.audio.max_duration_s,
    )
    redact.configure(ctx, settings.redaction)
    return ctx, publisher


class Distributed(Service):
    """The CLI's backend against a cluster: requests become Kafka events and S3 objects."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ctx, self.publisher = distributed_context(settings, client_id="varsam-cli")

    def publish(self, topic: str, event: events.Event) -> None:
        self.publisher.publish(topic, event)

    def audit_trail(self, since: datetime | None = None, limit: int = 1000) -> list[dict]:
        return read_topic_json(self.settings.kafka, events.AUDIT, since, limit)

    def dead_letter_count(self) -> int:
        return topic_size(self.settings.kafka, events.DLQ)

    def readiness(self) -> dict[str, bool]:
        checks = super().readiness()
        try:
            topic_size(self.settings.kafka, events.DLQ)  # a real round trip, not cached metadata
            checks["broker"] = True
        except Exception:
            checks["broker"] = False
        return checks

    def queue_flag(self, flag: events.ConsentFlag) -> None:
        # Accepting the flag recorded it in the consent topic (KafkaConsentLedger.record), which
        # is the purge worker's input: publishing it again would have it carried out twice.
        return None

    def close(self) -> None:
        """Close the producer and the consent view."""
        self.ctx.ledger.close()  # type: ignore[attr-defined]
        self.publisher.close()
