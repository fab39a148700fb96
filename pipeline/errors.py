"""The project's error tree; every error carries a reason code that is safe to log.

    VarsamError
    ├── InvalidRequest        bad input from a user: ids, options, unknown request ids
    │   ├── InvalidId
    │   └── UnknownRequest
    ├── UndecodableAudio      the audio cannot be read (corrupt, empty, not audio)
    │   └── AudioTooLong      longer than [audio] max_duration_s
    ├── MalformedEvent        an event that fails its schema (pipeline.events), and subclasses
    ├── ConsentViolation      an action that consent forbids (export of a flagged call ...)
    ├── ModelUnavailable      a model cannot be resolved offline or fails its checksum
    ├── StoreUnavailable      the object store cannot be reached (pipeline.storage): transient
    └── BusUnavailable        the broker cannot be reached (workers.adapters.kafka_bus): transient

Workers dead-letter an event on any VarsamError except the transient two, which they retry
with backoff for as long as they last.

Messages never include personal data: they name ids that have already been validated, files
the user passed, and reason codes.
"""

from __future__ import annotations


class VarsamError(Exception):
    """Base of every error varsam raises on purpose."""

    reason = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class InvalidRequest(VarsamError):
    """A request that is rejected before anything is written."""

    reason = "invalid_request"


class InvalidId(InvalidRequest):
    """A call or customer id that does not match the allowed alphabet."""

    reason = "invalid_id"


class UnknownRequest(InvalidRequest):
    """A request id (deletion receipt, call) that varsam has no record of."""

    reason = "unknown_request"


class UndecodableAudio(VarsamError):
    """The recording cannot be decoded as audio."""

    reason = "undecodable_audio"


class AudioTooLong(UndecodableAudio):
    """A recording longer than the configured maximum duration."""

    reason = "audio_too_long"


class ConsentViolation(VarsamError):
    """An action consent forbids; raised instead of doing it."""

    reason = "consent_violation"


class ModelUnavailable(VarsamError):
    """A model cannot be found offline, or its files fail verification."""

    reason = "model_unavailable"
