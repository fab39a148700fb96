"""The embedded runner: stages in pipeline order, poison to the dead-letter queue, nothing lost."""

from __future__ import annotations

import json

import pytest

from config.settings import load_settings
from pipeline import events
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.runners.embedded import Embedded


@pytest.fixture
def embedded(tmp_path):
    transcriber = ScriptedTranscriber()
    e = Embedded(
        load_settings(data_dir=tmp_path / "data"),
        transcriber_factory=lambda: transcriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
    )
    e.transcriber = transcriber
    yield e
    e.close()


def test_a_call_goes_through_every_stage_and_out_in_the_export(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    report = embedded.run()
    assert report.handled == 3 and report.dead_lettered == 0
    assert embedded.status("c1")["state"] == "redacted"
    assert embedded.export(tmp_path / "out.jsonl") == 1
    row = json.loads((tmp_path / "out.jsonl").read_text())
    assert row["text"] == "my name is [PERSON] call me on [PHONE]"
    assert "cust-1" not in json.dumps(row)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"{broken", "malformed_event"),
        (b'{"type": "recording.received", "version": 9}', "unknown_schema_version"),
        (b" " * 70_000, "oversized_event"),
    ],
)
def test_poison_events_are_dead_lettered_and_the_pipeline_goes_on(
    embedded, tmp_path, payload, reason
):
    embedded.queue.publish_raw(events.RECORDINGS, "bad", payload)
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    report = embedded.run()
    assert report.dead_lettered == 1
    assert [d.reason for d in embedded.queue.dead_letters()] == [reason]
    assert embedded.status("c1")["state"] == "redacted"


def test_audio_that_goes_bad_after_landing_is_dead_lettered_with_its_reason(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    embedded.store.put_bytes("calls/c1/audio/original.wav", b"no longer audio")
    embedded.ingest(write_wav(tmp_path / "b.wav"), call_id="c2")
    embedded.run()
    status = embedded.status("c1")
    assert (status["state"], status["failure"]) == ("failed", "undecodable_audio")
    assert embedded.status("c2")["state"] == "redacted"


def test_a_stage_that_keeps_failing_is_retried_then_dead_lettered(embedded, tmp_path):
    def broken():
        raise RuntimeError("model crashed")

    embedded.transcriber.during = broken
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    for _ in range(3):
        embedded.run()
    assert embedded.status("c1")["failure"] == "internal_error"
    assert embedded.transcriber.calls == 3


def test_a_flag_from_another_process_mid_run_keeps_the_call_out(embedded, tmp_path):
    other = Embedded(load_settings(data_dir=embedded.data_dir))
    embedded.transcriber.during = lambda: other.flag("do_not_record", call_id="c1")
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    embedded.run()
    assert embedded.status("c1")["state"] == "not_recorded"
    assert embedded.store.list("calls/") == []
    assert embedded.export(tmp_path / "out.jsonl") == 0
    other.close()


def test_export_since_filters_by_redaction_time(embedded, tmp_path):
    from pipeline.events import utcnow

    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    embedded.run()
    later = utcnow()
    embedded.ingest(write_wav(tmp_path / "b.wav"), call_id="c2")
    embedded.run()
    assert embedded.export(tmp_path / "out.jsonl", since=later) == 1
    assert json.loads((tmp_path / "out.jsonl").read_text())["call_id"] == "c2"


def test_audit_log_records_the_export_with_call_ids_only(embedded, tmp_path):
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    embedded.run()
    embedded.export(tmp_path / "out.jsonl")
    records = embedded.audit.read()
    assert records[-1]["action"] == "exported" and records[-1]["detail"]["calls"] == ["c1"]
    assert "cust-1" not in (embedded.data_dir / "audit.jsonl").read_text()


def test_a_transient_store_failure_is_retried_on_the_next_run_not_dead_lettered(embedded, tmp_path):
    from pipeline.intents import WriteLeaseLapsed

    failures = iter([WriteLeaseLapsed("slow disk")])

    def flaky():
        if (exc := next(failures, None)) is not None:
            raise exc

    embedded.transcriber.during = flaky
    embedded.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    first = embedded.run()
    assert first.retried == 1 and first.dead_lettered == 0
    assert embedded.status("c1")["state"] == "ingested"
    embedded.run()
    assert embedded.status("c1")["state"] == "redacted"
