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
    is_language_tag,
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
            audio_key="calls/c1/audio/original.flac",
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


def _wire(**fields) -> bytes:
    return json.dumps({**json.loads(encode(recording())), **fields}).encode()


def _ingested_wire(**fields) -> bytes:
    event = CallIngested(
        call_id="c1",
        audio_key="calls/c1/audio/original.wav",
        audio_sha256="h",
        layout="mono",
        duration_s=1.5,
        channels=1,
        started_at=utcnow(),
    )
    return json.dumps({**json.loads(encode(event)), **fields}).encode()


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 30_000 + b"]" * 30_000,
        _ingested_wire(duration_s=float("nan")),
        _ingested_wire(duration_s=float("inf")),
        _wire(size_bytes=-1),
        _wire(language="\ud800"),
        _wire(language="../../etc"),
        _wire(started_at="2026-01-01T00:00:00"),
        _wire(audio_key="calls/other-call/audio/original.wav"),
        _wire(audio_key="calls/c1/../other-call/audio/original.wav"),
    ],
    ids=[
        "deep-nesting",
        "nan",
        "infinity",
        "negative-size",
        "lone-surrogate",
        "language-path",
        "naive-time",
        "another-calls-key",
        "dot-dot-key",
    ],
)
def test_payloads_found_by_the_fuzzer_are_rejected_as_malformed(payload):
    with pytest.raises(MalformedEvent):
        decode(payload)


def test_a_schema_error_names_fields_but_never_keys_from_the_payload():
    with pytest.raises(MalformedEvent) as caught:
        decode(_wire(**{"John Smith 19811218-9876": 1}))
    assert "Smith" not in str(caught.value) and "1981" not in str(caught.value)
    assert str(caught.value) == "event fails the schema at: recording.received.<key>"


@pytest.mark.parametrize("value", ["en", "sv", "haw", "en-US", "zh_Hant_TW"])
def test_language_codes_are_language_tags(value):
    assert is_language_tag(value)


@pytest.mark.parametrize("value", ["../../etc", "x", "english language", "", "sv\n", 123, None])
def test_anything_else_is_no_language_tag(value):
    assert not is_language_tag(value)
