"""Requests are refused at the door or carried out: bounded, redacted reasons; known languages."""

from __future__ import annotations

import pytest

from config.settings import AsrSettings, load_settings
from pipeline import events
from pipeline.errors import InvalidRequest
from pipeline.events import ConsentFlag, MalformedEvent, decode, encode, utcnow
from pipeline.reasons import MAX_REASON_CHARS, MAX_STORED_REASON_CHARS, clean_reason
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.runners.embedded import Embedded

PERSONAL_REASON = "Tax audit of Karin Lindqvist, pnr 19811218-9876"
PERSONAL_VALUES = ("Karin", "Lindqvist", "19811218-9876", "9876")


@pytest.fixture
def embedded(tmp_path):
    e = Embedded(
        load_settings(data_dir=tmp_path / "data"),
        transcriber_factory=ScriptedTranscriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
    )
    yield e
    e.close()


def _accepted_flags(e: Embedded) -> list[ConsentFlag]:
    return e.ledger.flags_since(None)


def test_a_hold_reason_over_the_bound_is_refused_and_nothing_is_accepted(embedded):
    with pytest.raises(InvalidRequest, match=f"at most {MAX_REASON_CHARS} characters"):
        embedded.flag("legal_hold", call_id="h1", reason="r" * 70_000)
    assert _accepted_flags(embedded) == []
    assert embedded.queue.pending() == 0
    assert not any(r["action"] == "flag_accepted" for r in embedded.audit.read())


@pytest.mark.parametrize("reason", ["", "   ", "two\nlines", "bell\x07", "rtl\u202eoverride"])
def test_an_empty_or_multi_line_reason_is_refused(embedded, reason):
    with pytest.raises(InvalidRequest, match="--reason"):
        embedded.flag("legal_hold", customer_id="cust-1", reason=reason)
    assert _accepted_flags(embedded) == []


def test_after_a_refused_long_hold_a_deletion_is_carried_out_not_dead_lettered(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="h1", customer_id="cust-1")
    embedded.run()
    with pytest.raises(InvalidRequest):
        embedded.flag("legal_hold", customer_id="cust-1", reason="r" * 70_000)
    flag = embedded.flag("delete_recording", call_id="h1")
    assert embedded.receipt(flag.request_id).state == "completed"
    assert embedded.store.list("calls/h1/") == []
    assert embedded.queue.dead_letters() == []
    # The customer's later requests and reports still work.
    embedded.flag("restrict_training", customer_id="cust-1")
    assert embedded.report("cust-1")["customer_id"] == "cust-1"


def test_a_flag_with_every_field_at_its_bound_fits_one_event_and_decodes():
    longest = "x" * 128
    flag = ConsentFlag(
        request_id=longest,
        kind="legal_hold",
        scope="customer",
        subject_id=longest,
        accepted_at=utcnow(),
        by=longest,
        # Four UTF-8 bytes a character: the widest a stored reason can be.
        reason="\U0001f600" * MAX_STORED_REASON_CHARS,
    )
    payload = events.ensure_fits(flag)
    assert len(payload) <= events.MAX_EVENT_BYTES
    assert decode(payload) == flag


def test_the_schema_refuses_a_reason_longer_than_a_stored_reason_can_be():
    too_long = {
        "request_id": "req-1",
        "kind": "legal_hold",
        "scope": "call",
        "subject_id": "c1",
        "accepted_at": utcnow().isoformat(),
        "reason": "r" * (MAX_STORED_REASON_CHARS + 1),
        "type": "consent.flag",
    }
    import json

    with pytest.raises(MalformedEvent, match="reason"):
        decode(json.dumps(too_long).encode())


def test_a_reason_that_grows_past_the_stored_bound_when_redacted_is_refused(monkeypatch):
    from pipeline import reasons

    monkeypatch.setattr(reasons, "redact_reason", lambda text, language=None: text * 10)
    with pytest.raises(InvalidRequest, match="once personal data"):
        reasons.clean_reason("r" * MAX_REASON_CHARS)


def test_personal_data_in_a_hold_reason_is_redacted_before_it_is_stored(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    embedded.run()
    hold = embedded.flag("legal_hold", customer_id="cust-1", reason=PERSONAL_REASON)
    deletion = embedded.flag("delete_recording", call_id="c1")
    shown = [
        hold.reason,
        embedded.status("c1")["hold_reason"],
        embedded.receipt(deletion.request_id).held_reason,
        str(embedded.report("cust-1")),
        *(f.reason for f in _accepted_flags(embedded) if f.kind == "legal_hold"),
    ]
    assert all(s for s in shown)
    assert hold.reason.startswith("Tax audit of [PERSON]")
    for text in shown:
        assert not any(v in text for v in PERSONAL_VALUES), text
    stored = (embedded.data_dir / "varsam.db").read_bytes()
    stored += (embedded.data_dir / "audit.jsonl").read_bytes()
    for path in (embedded.data_dir / "objects").rglob("*"):
        stored += path.read_bytes() if path.is_file() else b""
    for value in PERSONAL_VALUES:
        assert value.encode() not in stored


def test_a_reason_without_personal_data_is_kept_as_written():
    assert clean_reason("  bookkeeping act, ch. 7  ") == "bookkeeping act, ch. 7"


@pytest.mark.parametrize("language", ["../../etc", "xx-notalang", "xx", "english", ""])
def test_an_unknown_language_is_refused_at_the_door_and_nothing_is_written(
    embedded, tmp_path, language
):
    with pytest.raises(InvalidRequest, match="unsupported --language"):
        embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", language=language)
    assert embedded.store.list("") == []
    assert embedded.queue.pending() == 0


def test_a_known_language_is_stored_as_the_asr_names_it(embedded, tmp_path):
    event = embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", language=" SV ")
    assert event.language == "sv"


def test_an_english_only_model_refuses_other_languages(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", asr=AsrSettings(model="tiny.en"))
    e = Embedded(settings, transcriber_factory=ScriptedTranscriber)
    try:
        with pytest.raises(InvalidRequest, match="unsupported --language"):
            e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", language="sv")
        assert e.ingest(write_wav(tmp_path / "b.wav"), call_id="c2", language="en") is not None
    finally:
        e.close()


def test_events_with_a_language_that_is_not_a_code_are_malformed():
    event = events.RecordingReceived(
        call_id="c1",
        audio_key="calls/c1/audio/original.wav",
        audio_sha256="0" * 64,
        size_bytes=1,
        started_at=utcnow(),
    )
    payload = encode(event).replace(b'"language":null', b'"language":"../../etc"')
    with pytest.raises(MalformedEvent, match="language"):
        decode(payload)


def test_re_ingesting_a_deleted_call_says_consent_forbids_it(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    embedded.run()
    embedded.flag("delete_recording", call_id="c1")
    assert embedded.ingest(write_wav(tmp_path / "b.wav"), call_id="c1") is None
    assert embedded.store.list("calls/c1/") == []
    assert embedded.audit.read()[-1]["action"] == "refused_at_landing"
