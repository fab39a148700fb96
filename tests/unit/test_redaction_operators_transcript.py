"""Operators in the redacted transcript: types and positions recorded, original values never."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from config.settings import load_settings
from pipeline import keys
from pipeline.events import RecordingReceived
from pipeline.redacted import redact_transcript
from pipeline.redaction.operators import RedactionPolicy
from pipeline.redaction.span import Span
from pipeline.stages import ingest, redact, transcribe
from pipeline.storage import sha256_file
from pipeline.transcript import Transcript
from tests.fakes import _segment, make_context, write_wav

# Each value with the pattern that finds it in the test transcript below.
VALUES = {
    "PERSON": ("Anna Lindqvist", r"Anna Lindqvist|Lindqvist"),
    "NATIONAL_ID": ("19811218-9876", r"19811218-9876"),
    "PHONE": ("070-123 45 67", r"070-123 45 67"),
    "EMAIL": ("anna.lindqvist@volvo.se", r"\S+@\S+"),
    "IBAN": ("SE45 5000 0000 0583 9825 7466", r"SE45[ \d]+\d"),
}
TEXT = (
    "hej jag heter Anna Lindqvist mitt personnummer är 19811218-9876 "
    "ring 070-123 45 67 eller anna.lindqvist@volvo.se konto SE45 5000 0000 0583 9825 7466"
)
LATER = "tack Lindqvist ring 070-123 45 67 igen"


class RegexAnalyzer:
    def analyze(self, text: str, language: str | None) -> list[Span]:
        found = [
            Span(m.start(), m.end(), entity_type)
            for entity_type, (_value, pattern) in VALUES.items()
            for m in re.finditer(pattern, text)
        ]
        taken: list[Span] = []
        for span in sorted(found, key=lambda s: (s.start, -s.end)):
            if not any(span.overlaps(t) for t in taken):
                taken.append(span)
        return sorted(taken)


def transcript(call_id: str = "c1") -> Transcript:
    segments = (_segment(TEXT, 0.0, "customer", 1), _segment(LATER, 30.0, "customer", 1))
    return Transcript(call_id, "sv", 40.0, segments, "scripted")


def redacted(policy: RedactionPolicy, call_id: str = "c1") -> dict:
    return redact_transcript(
        transcript(call_id),
        RegexAnalyzer(),
        versions={},
        redacted_at=datetime(2025, 1, 1, tzinfo=UTC),
        source_sha256="0" * 64,
        policy=policy,
    )


@pytest.mark.parametrize("operator", ["tag", "surrogate", "hash"])
def test_no_original_value_appears_in_the_redacted_transcript(operator):
    doc = redacted(RedactionPolicy(operator, secret=b"k"))
    body = json.dumps(doc, ensure_ascii=False)
    for value, _ in VALUES.values():
        assert value not in body
        assert value.split()[-1] not in body  # not even a part: "Lindqvist", "7466"
    assert "volvo.se" not in body
    entities = [e for s in doc["segments"] for e in s["entities"]]
    assert {e["type"] for e in entities} == set(VALUES)
    assert {e["operator"] for e in entities} == {operator}


@pytest.mark.parametrize("operator", ["tag", "surrogate", "hash"])
def test_entity_positions_point_at_the_replacements(operator):
    doc = redacted(RedactionPolicy(operator, secret=b"k"))
    for segment in doc["segments"]:
        for entity in segment["entities"]:
            replacement = segment["text"][entity["start"] : entity["end"]]
            assert replacement and replacement not in TEXT
            if operator == "hash":
                assert re.fullmatch(rf"<{entity['type']}:[0-9a-f]{{8}}>", replacement)


def test_surrogates_are_consistent_across_segments_of_a_call():
    doc = redacted(RedactionPolicy("surrogate", secret=b"k"))
    first, later = doc["segments"]
    phones = [
        s["text"][e["start"] : e["end"]]
        for s in (first, later)
        for e in s["entities"]
        if e["type"] == "PHONE"
    ]
    assert len(phones) == 2 and phones[0] == phones[1]
    surname = next(
        first["text"][e["start"] : e["end"]] for e in first["entities"] if e["type"] == "PERSON"
    ).split()[-1]
    assert surname in later["text"]


def test_surrogates_differ_between_calls_and_repeat_on_redelivery():
    policy = RedactionPolicy("surrogate", secret=b"k")
    assert redacted(policy, "c1")["text"] == redacted(policy, "c1")["text"]
    assert redacted(policy, "c1")["text"] != redacted(policy, "c2")["text"]


def test_the_stage_derives_a_key_and_reproduces_surrogates_after_a_lost_write(tmp_path):
    ctx = make_context()
    ctx.redaction_policy = RedactionPolicy("surrogate")  # no key configured: derived
    wav = write_wav(tmp_path / "c1.wav", seconds=4.0)
    key = keys.original_audio("c1", "wav")
    ctx.store.put_file(key, wav)
    event = RecordingReceived(
        call_id="c1",
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        started_at=ctx.clock(),
    )
    [ingested] = ingest.handle(event, ctx)
    [done] = transcribe.handle(ingested, ctx)
    redact.handle(done, ctx)
    first = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    ctx.store.delete(keys.redacted_transcript("c1"))
    redact.handle(done, ctx)
    again = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    assert first["text"] == again["text"]
    assert "John Smith" not in first["text"] and "07001234567" not in first["text"]
    assert "[PERSON]" not in first["text"]


def test_configure_reads_the_redaction_settings():
    settings = load_settings(
        redaction={
            "operator": "surrogate",
            "operators": {"phone": "hash"},
            "secret": "s3cret",
            "audio": "silence",
            "audio_padding_ms": 50,
        }
    )
    ctx = make_context()
    redact.configure(ctx, settings.redaction)
    policy = ctx.redaction_policy
    assert (policy.operator_for("PHONE"), policy.operator_for("PERSON")) == ("hash", "surrogate")
    assert policy.secret == b"s3cret" and "s3cret" not in repr(settings)
    assert (ctx.audio_redaction.mode, ctx.audio_redaction.padding_s) == ("silence", 0.05)


def test_defaults_are_tags_and_bleeps():
    redaction = load_settings().redaction
    assert (redaction.operator, redaction.operators, redaction.audio) == ("tag", {}, "bleep")
    assert redaction.audio_padding_ms == 80
