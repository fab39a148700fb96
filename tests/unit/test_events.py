"""The event schema: round trips, and poison inputs rejected with a loggable reason."""

from __future__ import annotations

import json

import pytest

from pipeline.events import (
    MAX_EVENT_BYTES,
    CallIngested,
    ConsentFlag,
    MalformedEvent,
    OversizedEvent,
    RecordingReceived,
    UnknownSchemaVersion,
    decode,
    encode,
    json_schema,
    utcnow,
)


def recording(**fields):
    base = dict(
        call_id="c1",
        audio_key="calls/c1/audio/original.wav",
        audio_sha256="ab",
        size_bytes=10,
        started_at=utcnow(),
    )
    return RecordingReceived(**{**base, **fields})


def test_every_event_round_trips_through_its_wire_form():
    now = utcnow()
    for event in [
        recording(customer_id="cust-1", layout="stereo"),
        CallIngested(
            call_id="c1",
            audio_key="k",
            audio_sha256="h",
            layout="mono",
            duration_s=1.5,
            channels=1,
            started_at=now,
        ),
        ConsentFlag(
            request_id="req-1",
            kind="legal_hold",
            scope="customer",
            subject_id="cust-1",
            accepted_at=now,
            reason="bookkeeping",
        ),
    ]:
        assert decode(encode(event)) == event


def test_consent_flags_are_keyed_by_subject_and_call_events_by_call():
    flag = ConsentFlag(
        request_id="req-1",
        kind="do_not_record",
        scope="call",
        subject_id="c9",
        accepted_at=utcnow(),
    )
    assert flag.key == "call:c9"
    assert recording().key == "c1"


@pytest.mark.parametrize(
    ("payload", "error", "reason"),
    [
        (b"{not json", MalformedEvent, "malformed_event"),
        (b"[1, 2]", MalformedEvent, "malformed_event"),
        (b'{"type": "call.ingested", "call_id": "c1"}', MalformedEvent, "malformed_event"),
        (b'{"type": "no.such.type", "call_id": "c1"}', MalformedEvent, "malformed_event"),
        (
            b'{"type": "call.ingested", "version": 2}',
            UnknownSchemaVersion,
            "unknown_schema_version",
        ),
        (b" " * (MAX_EVENT_BYTES + 1), OversizedEvent, "oversized_event"),
    ],
)
def test_poison_events_raise_a_reason_code(payload, error, reason):
    with pytest.raises(error) as err:
        decode(payload)
    assert err.value.reason == reason


def test_an_event_with_an_unsafe_call_id_is_malformed_and_the_id_is_not_echoed():
    body = json.loads(encode(recording()))
    body["call_id"] = "../../etc/passwd"
    with pytest.raises(MalformedEvent) as err:
        decode(json.dumps(body).encode())
    assert "passwd" not in str(err.value)


def test_unknown_fields_are_rejected_so_nothing_personal_can_ride_along():
    body = json.loads(encode(recording()))
    body["transcript_text"] = "my name is ..."
    with pytest.raises(MalformedEvent):
        decode(json.dumps(body).encode())


def test_the_schema_is_published():
    schema = json_schema()
    assert "recording.received" in json.dumps(schema)
