"""The privacy team's tools: the revocation feed, the access report, retention."""

from __future__ import annotations

import json

import pytest

from config.settings import load_settings
from pipeline import keys
from pipeline.retention import RetentionPolicy, expire
from pipeline.storage import InMemoryObjectStore
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, make_context, write_wav
from workers.runners.embedded import Embedded


@pytest.fixture
def varsam(tmp_path):
    e = Embedded(
        load_settings(data_dir=tmp_path / "data"),
        transcriber_factory=ScriptedTranscriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {}),
    )
    for call_id, customer in (("a1", "cust-a"), ("a2", "cust-a"), ("b1", "cust-b")):
        e.ingest(write_wav(tmp_path / f"{call_id}.wav"), call_id=call_id, customer_id=customer)
    e.run()
    yield e
    e.close()


def test_revocations_list_exported_calls_flagged_after_with_their_reason(varsam, tmp_path):
    assert varsam.export(tmp_path / "first.jsonl") == 3
    varsam.flag("restrict_training", customer_id="cust-a")
    varsam.flag("delete_recording", call_id="b1")
    feed = {r.call_id: r.reason for r in varsam.revocations()}
    assert feed == {"a1": "restricted", "a2": "restricted", "b1": "deleted"}
    assert varsam.export(tmp_path / "second.jsonl") == 0


def test_calls_never_exported_are_not_in_the_revocation_feed(varsam):
    varsam.flag("delete_recording", customer_id="cust-a")
    assert varsam.revocations() == []


def test_revocations_since_a_time_leave_out_earlier_flags(varsam, tmp_path):
    varsam.export(tmp_path / "x.jsonl")
    varsam.flag("restrict_training", call_id="a1")
    cut = varsam.ctx.clock()
    varsam.flag("delete_recording", call_id="a2")
    assert [r.call_id for r in varsam.revocations(cut)] == ["a2"]


def test_access_report_lists_the_customers_calls_kept_and_deleted(varsam, tmp_path):
    varsam.export(tmp_path / "x.jsonl")
    varsam.flag("legal_hold", call_id="a2", reason="tax audit 2026")
    varsam.flag("delete_recording", customer_id="cust-a")
    report = varsam.report("cust-a")
    calls = {c["call_id"]: c for c in report["calls"]}
    assert sorted(calls) == ["a1", "a2"]
    assert calls["a1"]["state"] == "deleted" and calls["a1"]["artifacts"] == []
    assert calls["a2"]["state"] == "held" and calls["a2"]["hold_reason"] == "tax audit 2026"
    kinds = {a["kind"]: a for a in calls["a2"]["artifacts"]}
    assert (
        kinds["raw_transcript"]["expires_at"] and kinds["redacted_transcript"]["expires_at"] is None
    )
    assert len(calls["a1"]["exports"]) == 1
    assert [r["kind"] for r in report["requests"]] == ["delete_recording"]
    assert report["requests"][0]["state"] == "held"
    assert {c["call_id"] for c in report["calls"]} == {"a1", "a2"}


def test_access_report_table_is_readable(varsam):
    from pipeline.access_report import report_table

    table = report_table(varsam.report("cust-b"))
    assert "customer cust-b" in table and "b1" in table and "retention:" in table


def test_access_reports_are_audited_under_a_pseudonym(varsam):
    varsam.report("cust-a")
    record = varsam.audit.read()[-1]
    assert record["action"] == "access_report" and "cust-a" not in json.dumps(record)


def test_retention_expires_raw_transcripts_then_landing_audio_but_not_under_a_hold(tmp_path):
    ctx = make_context()
    ctx.store = InMemoryObjectStore(clock=ctx.clock)
    for call_id in ("c1", "c2"):
        ctx.store.put_bytes(keys.original_audio(call_id, "wav"), b"audio")
        ctx.store.put_bytes(keys.raw_transcript(call_id), b"{}")
        ctx.store.put_bytes(keys.redacted_transcript(call_id), b"{}")
    from tests.unit.test_stages import flag

    flag(ctx, "legal_hold", subject="c2", reason="litigation")
    policy = RetentionPolicy(landing_audio_days=30, raw_transcript_days=7)
    ctx.clock.advance(6 * 86400)
    assert expire(ctx, policy) == {}
    ctx.clock.advance(2 * 86400)
    assert expire(ctx, policy) == {"raw_transcript": 1}
    ctx.clock.advance(30 * 86400)
    assert expire(ctx, policy) == {"original_audio": 1}
    assert ctx.store.list("calls/c1/") == [keys.redacted_transcript("c1")]
    assert len(ctx.store.list("calls/c2/")) == 3


@pytest.mark.parametrize("kind", ["delete_recording", "do_not_record"])
def test_access_report_names_a_call_scope_deletion_by_request_and_time(varsam, kind):
    from pipeline.access_report import report_table

    flag = varsam.flag(kind, call_id="a1")
    receipt = varsam.receipt(flag.request_id)
    assert receipt.state == "completed"
    report = varsam.report("cust-a")
    calls = {c["call_id"]: c for c in report["calls"]}
    assert sorted(calls) == ["a1", "a2"]
    assert calls["a1"]["state"] in ("deleted", "not_recorded")
    assert calls["a1"]["deletion"] == {
        "request_id": flag.request_id,
        "state": "completed",
        "completed_at": receipt.completed_at.isoformat(),
    }
    assert [(r["request_id"], r["scope"]) for r in report["requests"]] == [
        (flag.request_id, "call")
    ]
    assert f"deleted on request {flag.request_id} at {receipt.completed_at.isoformat()}" in (
        report_table(report)
    )
    other = varsam.report("cust-b")
    assert other["requests"] == [] and [c["call_id"] for c in other["calls"]] == ["b1"]


def test_a_receipt_links_its_customer_by_pseudonym_only(varsam):
    from pipeline.audit import pseudonym

    flag = varsam.flag("delete_recording", call_id="a1")
    receipt = varsam.receipt(flag.request_id)
    assert receipt.customers == [pseudonym(varsam.ctx.audit_secret, "customer", "cust-a")]
    assert "cust-a" not in json.dumps(receipt.to_json())
