"""Ids are validated before they become object keys; keys name their artifact kinds."""

from __future__ import annotations

import pytest

from pipeline import keys
from pipeline.errors import InvalidId
from pipeline.ids import validate_id


@pytest.mark.parametrize("good", ["c1", "CALL-2026.11.26_001", "a" * 128, "x.y"])
def test_safe_ids_pass(good):
    assert validate_id(good) == good


@pytest.mark.parametrize(
    "bad", ["", "../x", "a/b", "..", "a..b", ".", "-x", "a" * 129, "a b", "é", "a\n"]
)
def test_unsafe_ids_are_rejected(bad):
    with pytest.raises(InvalidId) as err:
        validate_id(bad)
    assert str(err.value).startswith("invalid call id:")


def test_the_rejected_value_is_never_echoed():
    with pytest.raises(InvalidId) as err:
        validate_id("john.smith@example.com", what="customer id")
    assert "john" not in str(err.value)


def test_keys_follow_the_object_layout():
    assert keys.original_audio("c1", "flac") == "calls/c1/audio/original.flac"
    assert keys.raw_transcript("c1") == "calls/c1/transcript/raw.json"
    assert keys.redacted_transcript("c1") == "calls/c1/transcript/redacted.json"
    assert keys.redacted_audio("c1") == "calls/c1/audio/redacted.wav"
    assert keys.customer_index("cust-1", "c1") == "customers/cust-1/calls/c1"


def test_a_key_cannot_be_built_from_an_unsafe_id():
    with pytest.raises(InvalidId):
        keys.raw_transcript("../other")


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("calls/c1/audio/original.mp3", "original_audio"),
        ("calls/c1/transcript/raw.json", "raw_transcript"),
        ("calls/c1/transcript/redacted.json", "redacted_transcript"),
        ("calls/c1/audio/redacted.wav", "redacted_audio"),
        ("calls/c1/meta.json", "call_metadata"),
        ("customers/x/calls/c1", "customer_index"),
    ],
)
def test_artifact_kinds(key, kind):
    assert keys.artifact_kind(key) == kind


@pytest.mark.parametrize(
    ("key", "shown", "call_id"),
    [
        ("c-1001", "c-1001", "c-1001"),
        ("customer:cust-42/req-1", "customer:<id>", None),
        ("call:c1/req-1", "call:<id>", None),
        ("john.smith@example.com", "-", None),
        ("anything: with a colon", "-", None),
    ],
)
def test_event_keys_are_shown_in_logs_and_audit_only_when_safe(key, shown, call_id):
    from pipeline.ids import call_id_of, loggable_key

    assert loggable_key(key) == shown
    assert call_id_of(key) == call_id
