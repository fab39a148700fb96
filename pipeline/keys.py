"""The object layout: where each artifact of a call lives in the object store."""

from __future__ import annotations

from pipeline.ids import validate_id

AUDIO_EXTENSIONS = ("wav", "flac", "mp3", "ogg", "opus", "m4a")


def call_prefix(call_id: str) -> str:
    """Every artifact of a call lives under this prefix."""
    return f"calls/{validate_id(call_id)}/"


def original_audio(call_id: str, ext: str) -> str:
    """The landing copy of the recording, kept only for a short while."""
    if ext not in AUDIO_EXTENSIONS:
        raise ValueError(f"unsupported audio extension {ext!r}")
    return f"{call_prefix(call_id)}audio/original.{ext}"


def raw_transcript(call_id: str) -> str:
    """Restricted: words, timestamps and personal data."""
    return f"{call_prefix(call_id)}transcript/raw.json"


def redacted_transcript(call_id: str) -> str:
    """Safe for training: redacted text and entity tags."""
    return f"{call_prefix(call_id)}transcript/redacted.json"


def redacted_audio(call_id: str) -> str:
    """Safe for training: personal data bleeped or silenced."""
    return f"{call_prefix(call_id)}audio/redacted.wav"


def customer_prefix(customer_id: str) -> str:
    """Index markers of a customer's calls live under this prefix."""
    return f"customers/{validate_id(customer_id, what='customer id')}/calls/"


def customer_index(customer_id: str, call_id: str) -> str:
    """Marker that lets a customer-wide request find every call of the customer."""
    return f"{customer_prefix(customer_id)}{validate_id(call_id)}"


def artifact_kind(key: str) -> str:
    """Name the kind of artifact a key holds, for receipts and status (never the key's ids)."""
    if key.startswith("customers/"):
        return "customer_index"
    tail = key.split("/", 2)[-1]
    if tail.startswith("audio/original."):
        return "original_audio"
    return {
        "transcript/raw.json": "raw_transcript",
        "transcript/redacted.json": "redacted_transcript",
        "audio/redacted.wav": "redacted_audio",
        "meta.json": "call_metadata",
        "landing.json": "call_metadata",
    }.get(tail, "other")
