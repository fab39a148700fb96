"""The versioned event schema: the one place that defines what travels between stages.

Events carry ids, object keys, hashes and timings only; never audio, text or personal data.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from pipeline import keys
from pipeline.errors import InvalidId, InvalidRequest, VarsamError
from pipeline.ids import validate_id
from pipeline.reasons import MAX_STORED_REASON_CHARS

SCHEMA_VERSION = 1
MAX_EVENT_BYTES = 64 * 1024

# Topic names, without the deployment's prefix.
RECORDINGS = "recordings"
INGESTED = "ingested"
TRANSCRIBED = "transcribed"
REDACTED = "redacted"
CONSENT = "consent"
AUDIT = "audit"
DLQ = "dlq"


class MalformedEvent(VarsamError):
    """An event that cannot be parsed or fails its schema; the reason is safe to log."""

    reason = "malformed_event"


class UnknownSchemaVersion(MalformedEvent):
    """An event from a newer (or unknown) schema version."""

    reason = "unknown_schema_version"


class OversizedEvent(MalformedEvent):
    """An event larger than any varsam producer writes."""

    reason = "oversized_event"


# A language as the recognizer names it ("en", "sv", "haw"); which ones exist is the ASR's
# business (models.languages), this only keeps anything else out of keys and logs.
_LANGUAGE = re.compile(r"[a-z]{2,3}")


class EventTooLarge(InvalidRequest):
    """A request whose event would exceed MAX_EVENT_BYTES: refused before it is accepted."""

    reason = "event_too_large"


def _safe_language(value: str | None) -> str | None:
    if value is not None and not _LANGUAGE.fullmatch(value):
        raise ValueError("invalid language code")
    return value


# A language code as Whisper and the CLI give it: "sv", "en-US", "haw".
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$"
Language = Annotated[str, Field(pattern=LANGUAGE_TAG)]
Count = Annotated[int, Field(ge=0)]
Duration = Annotated[float, Field(ge=0)]


def is_language_tag(value: object) -> bool:
    """True for a string shaped like a language code ("sv", "en-US"); says nothing of support."""
    return isinstance(value, str) and re.fullmatch(LANGUAGE_TAG, value) is not None


def _safe_id(value: str, what: str) -> str:
    # pydantic reports ValueError as a field error; InvalidId would escape it.
    try:
        return validate_id(value, what=what)
    except InvalidId as exc:
        raise ValueError(str(exc)) from None


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class _Event(BaseModel):
    # No NaN or infinity: they have no JSON form, so such an event would not survive a re-encode.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    version: Literal[1] = SCHEMA_VERSION

    @property
    def key(self) -> str:
        """The partitioning key: events of one call (or one consent subject) stay ordered."""
        return self.call_id  # type: ignore[attr-defined]


class _CallEvent(_Event):
    call_id: str

    @field_validator("call_id")
    @classmethod
    def _safe_call_id(cls, v: str) -> str:
        return _safe_id(v, "call id")


def _landing_keys(call_id: str) -> set[str]:
    return {keys.original_audio(call_id, ext) for ext in keys.AUDIO_EXTENSIONS}


def _own_key(key: str, allowed: set[str]) -> None:
    # An event names only its own call's objects: a forged key must not make a stage read,
    # write or purge another call's data.
    if key not in allowed:
        raise ValueError("the object key is not this call's")


class RecordingReceived(_CallEvent):
    """A recording has landed in the object store and waits for ingest."""

    type: Literal["recording.received"] = "recording.received"
    audio_key: str
    audio_sha256: str
    size_bytes: Count
    layout: Literal["mono", "stereo"] = "mono"
    language: Language | None = None
    customer_id: str | None = None
    agent_id: str | None = None
    started_at: AwareDatetime

    @field_validator("customer_id", "agent_id")
    @classmethod
    def _safe_ids(cls, v: str | None) -> str | None:
        return None if v is None else _safe_id(v, "id")

    @field_validator("language")
    @classmethod
    def _known_shape(cls, v: str | None) -> str | None:
        return _safe_language(v)

    @model_validator(mode="after")
    def _own_audio(self) -> RecordingReceived:
        _own_key(self.audio_key, _landing_keys(self.call_id))
        return self


class CallIngested(_CallEvent):
    """The recording decoded cleanly and the call is indexed; it waits for transcription."""

    type: Literal["call.ingested"] = "call.ingested"
    audio_key: str
    audio_sha256: str
    layout: Literal["mono", "stereo"]
    language: Language | None = None
    duration_s: Duration
    channels: Annotated[int, Field(ge=1)]
    started_at: AwareDatetime
    customer_id: str | None = None

    @field_validator("customer_id")
    @classmethod
    def _safe_customer(cls, v: str | None) -> str | None:
        return None if v is None else _safe_id(v, "customer id")

    @field_validator("language")
    @classmethod
    def _known_shape(cls, v: str | None) -> str | None:
        return _safe_language(v)

    @model_validator(mode="after")
    def _own_audio(self) -> CallIngested:
        _own_key(self.audio_key, _landing_keys(self.call_id))
        return self


class CallTranscribed(_CallEvent):
    """The raw transcript is stored (restricted prefix); it waits for redaction."""

    type: Literal["call.transcribed"] = "call.transcribed"
    transcript_key: str
    transcript_sha256: str
    language: Language
    duration_s: Duration
    asr_model: str
    asr_seconds: Duration
    customer_id: str | None = None
    started_at: AwareDatetime | None = None

    @field_validator("customer_id")
    @classmethod
    def _safe_customer(cls, v: str | None) -> str | None:
        return None if v is None else _safe_id(v, "customer id")

    @model_validator(mode="after")
    def _own_transcript(self) -> CallTranscribed:
        _own_key(self.transcript_key, {keys.raw_transcript(self.call_id)})
        return self


class CallRedacted(_CallEvent):
    """The redacted transcript is stored and the call is eligible for export."""

    type: Literal["call.redacted"] = "call.redacted"
    redacted_key: str
    redacted_sha256: str
    entity_counts: dict[str, Count]

    @model_validator(mode="after")
    def _own_redacted(self) -> CallRedacted:
        _own_key(self.redacted_key, {keys.redacted_transcript(self.call_id)})
        return self


ConsentKind = Literal[
    "do_not_record", "delete_recording", "restrict_training", "legal_hold", "release_hold"
]


class ConsentFlag(_Event):
    """A consent decision, accepted once; keyed by its subject so a subject's flags stay ordered."""

    type: Literal["consent.flag"] = "consent.flag"
    request_id: str
    kind: ConsentKind
    scope: Literal["call", "customer"]
    subject_id: str
    accepted_at: AwareDatetime
    by: str | None = None
    # Redacted before it is accepted (pipeline.reasons); bounded so a flag always fits an event.
    reason: str | None = Field(default=None, max_length=MAX_STORED_REASON_CHARS)

    @field_validator("subject_id", "request_id")
    @classmethod
    def _safe_subject(cls, v: str) -> str:
        return _safe_id(v, "id")

    @field_validator("by")
    @classmethod
    def _safe_by(cls, v: str | None) -> str | None:
        return None if v is None else _safe_id(v, "agent id")

    @property
    def key(self) -> str:
        return f"{self.scope}:{self.subject_id}"


Event = Annotated[
    RecordingReceived | CallIngested | CallTranscribed | CallRedacted | ConsentFlag,
    Field(discriminator="type"),
]
_EVENT = TypeAdapter(Event)
_MODELS = (RecordingReceived, CallIngested, CallTranscribed, CallRedacted, ConsentFlag)
# What a schema error may name: field names and event types. Anything else in an error's
# location came from the payload (an extra key, a key of entity_counts) and is not repeated.
_NAMEABLE = frozenset(
    {name for model in _MODELS for name in model.model_fields}
    | {model.model_fields["type"].default for model in _MODELS}
)


def encode(event: _Event) -> bytes:
    """Serialize an event to its wire form (compact JSON)."""
    return event.model_dump_json().encode()


def ensure_fits(event: _Event) -> bytes:
    """The event's wire form; EventTooLarge when no consumer would accept it."""
    payload = encode(event)
    if len(payload) > MAX_EVENT_BYTES:
        raise EventTooLarge("the request is too large to be carried out; shorten its fields")
    return payload


def decode(payload: bytes) -> Event:
    """Parse an event; raise a MalformedEvent subclass with a loggable reason when it is bad."""
    if len(payload) > MAX_EVENT_BYTES:
        raise OversizedEvent(f"event of {len(payload)} bytes exceeds {MAX_EVENT_BYTES}")
    try:
        raw = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        raise MalformedEvent("event is not valid JSON") from None
    except RecursionError:
        # 64 KiB of "[" is valid-looking JSON that no parser should recurse through.
        raise MalformedEvent("event nests JSON too deeply") from None
    if not isinstance(raw, dict):
        raise MalformedEvent("event is not a JSON object")
    try:
        json.dumps(raw, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # "\ud800" parses to a lone surrogate, which no UTF-8 payload can carry on.
        raise MalformedEvent("event holds a lone surrogate") from None
    if raw.get("version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise UnknownSchemaVersion("event has an unknown schema version")
    try:
        return _EVENT.validate_python(raw)
    except ValidationError as exc:
        fields = sorted({_where(e["loc"]) for e in exc.errors()})
        raise MalformedEvent(f"event fails the schema at: {', '.join(fields)}") from None


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) if isinstance(p, int) or p in _NAMEABLE else "<key>" for p in loc)


def json_schema() -> dict:
    """The JSON schema of every event, for consumers in other languages."""
    return _EVENT.json_schema()
