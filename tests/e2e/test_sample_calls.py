"""End to end on the bundled sample calls: real audio, real faster-whisper, real redaction."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """`varsam demo` once for the module: every sample through every stage."""
    import subprocess
    import sys

    from tests.conftest import ROOT, clean_env

    data_dir = tmp_path_factory.mktemp("demo")
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli", "--data-dir", str(data_dir), "demo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(),
        timeout=900,
    )
    export = data_dir / "demo" / "export" / "training.jsonl"
    # A missing or empty export fails here: the leak tests below must never pass on nothing.
    assert export.is_file(), f"the demo wrote no export (exit {result.returncode})"
    rows = [json.loads(line) for line in export.read_text().splitlines()]
    assert rows, "the demo's export is empty"
    return result, {r["call_id"]: r for r in rows}, data_dir / "demo"


def test_demo_exits_zero_and_prints_a_row_per_call(demo_run, manifest):
    result, _rows, _ = demo_run
    assert result.returncode == 0, result.stdout + result.stderr
    for call in manifest:
        assert call["call_id"] in result.stdout
    assert "not recorded" in result.stdout and "deleted" in result.stdout


def test_export_holds_no_ground_truth_personal_data(demo_run, manifest):
    _result, rows, _ = demo_run
    text = json.dumps(rows, ensure_ascii=False).lower()
    for call in manifest:
        for pii in call["pii"]:
            for form in pii["forms"]:
                assert form.lower() not in text, (call["call_id"], pii["type"])


def test_export_has_only_the_calls_consent_allows(demo_run):
    _result, rows, _ = demo_run
    assert sorted(rows) == ["en-billing", "en-stereo-card", "sv-personnummer"]


def test_exported_rows_carry_redactions_speakers_and_provenance(demo_run):
    _result, rows, _ = demo_run
    for row in rows.values():
        assert sum(row["entity_counts"].values()) > 0, row["call_id"]
        assert row["models"]["asr"]["name"] == "base"
        assert row["duration_s"] > 5
        assert set(row) >= {"call_id", "language", "text", "segments", "entity_counts", "models"}
        assert "customer_id" not in json.dumps(row) and "cust-" not in json.dumps(row)
    stereo = rows["en-stereo-card"]
    assert {s["speaker"] for s in stereo["segments"]} == {"agent", "customer"}
    starts = [s["start"] for s in stereo["segments"]]
    assert starts == sorted(starts)
    assert rows["sv-personnummer"]["language"] == "sv"
    assert "[PERSON]" in rows["en-billing"]["text"]
    assert "[EMAIL]" in rows["en-billing"]["text"]


def test_flagged_and_deleted_calls_leave_no_artifacts(demo_run):
    _result, _rows, data_dir = demo_run
    for call_id in ("en-dnr", "en-delete"):
        assert not (data_dir / "objects" / "calls" / call_id).exists()


def test_audit_log_has_no_personal_data(demo_run, manifest):
    _result, _rows, data_dir = demo_run
    audit = (data_dir / "audit.jsonl").read_text()
    actions = [json.loads(line)["action"] for line in audit.splitlines()]
    assert {"flag_accepted", "call_purged", "deletion_completed", "exported"} <= set(actions)
    for call in manifest:
        assert call["customer_id"] not in audit
        for pii in call["pii"]:
            assert all(form.lower() not in audit.lower() for form in pii["forms"])


def test_delete_after_processing_via_the_cli(varsam):
    wav = str(SAMPLES / "en-billing.wav")
    assert varsam("ingest", wav, "--call-id", "c1", "--customer-id", "cust-9").returncode == 0
    assert varsam("run", "--once").returncode == 0
    assert json.loads(varsam("status", "--call-id", "c1").stdout)["state"] == "redacted"
    deleted = varsam("delete", "--call-id", "c1")
    assert deleted.returncode == 0, deleted.stderr
    request_id = deleted.stdout.strip().splitlines()[-1]
    receipt = varsam("delete", "--status", request_id)
    assert receipt.stdout.splitlines()[0] == "completed"
    body = json.loads(receipt.stdout.split("\n", 1)[1])
    assert body["deleted"]["raw_transcript"] == 1 and body["deleted"]["redacted_transcript"] == 1
    assert json.loads(varsam("status", "--call-id", "c1").stdout)["state"] == "deleted"
    out = varsam.data_dir / "export.jsonl"
    assert varsam("export", "--out", str(out)).returncode == 0
    assert out.read_text() == ""
    assert not list((varsam.data_dir / "objects").rglob("c1*"))


@pytest.mark.parametrize("when", ["before_ingest", "after_ingest"])
def test_do_not_record_means_no_transcript_and_no_audio(varsam, when):
    wav = str(SAMPLES / "en-billing.wav")
    dnr = ("flag", "do-not-record", "--call-id", "c1", "--by", "agent-07")
    if when == "before_ingest":
        assert varsam(*dnr).returncode == 0
    assert varsam("ingest", wav, "--call-id", "c1").returncode == 0
    if when == "after_ingest":
        assert varsam(*dnr).returncode == 0
    assert varsam("run", "--once").returncode == 0
    status = json.loads(varsam("status", "--call-id", "c1").stdout)
    assert status["state"] == "not_recorded" and status["artifacts"] == []
    assert not (varsam.data_dir / "objects" / "calls").exists()
    assert not list((varsam.data_dir / "objects").rglob("original.*"))
