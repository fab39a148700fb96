"""`varsam serve` in embedded mode runs the stages itself (scripted models here): what an
upload, a flag or a deletion sent over HTTP becomes, without anyone running `varsam run`."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient

from config.settings import load_settings
from tests.api_helpers import bearer, make_tokens
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.api.app import create_app
from workers.runners.embedded import Embedded


def _until(check, timeout_s: float = 20):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("VARSAM_API__POLL_S", "0.05")
    monkeypatch.setenv("VARSAM_API__CLOCK_SKEW_S", "0")
    settings = load_settings(data_dir=tmp_path / "data")
    tokens = make_tokens(settings)
    transcriber = ScriptedTranscriber()

    def pipeline() -> Embedded:
        return Embedded(
            settings,
            transcriber_factory=lambda: transcriber,
            analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
        )

    app = create_app(settings, pipeline_factory=pipeline)
    with TestClient(app) as client:
        client.transcriber = transcriber
        yield client, tokens, tmp_path


def _upload(client, tokens, tmp_path, call_id: str, customer_id: str = "cust-1"):
    wav = write_wav(tmp_path / f"{call_id}.wav")
    with open(wav, "rb") as fh:
        response = client.post(
            "/v1/calls",
            headers=bearer(tokens["recorder"]),
            files={"file": (wav.name, fh)},
            data={"call_id": call_id, "customer_id": customer_id},
        )
    assert response.status_code == 202, response.text
    return response.json()


def _state(client, tokens, call_id: str) -> str:
    response = client.get(f"/v1/calls/{call_id}", headers=bearer(tokens["operator"]))
    return response.json()["state"] if response.status_code == 200 else "unknown"


def test_an_uploaded_call_is_processed_by_the_server_and_exported_once_by_cursor(api):
    client, tokens, tmp_path = api
    assert _upload(client, tokens, tmp_path, "c1")["state"] == "queued"
    _until(lambda: _state(client, tokens, "c1") == "redacted")

    def pulled(since=None):
        response = client.get(
            "/v1/export",
            headers=bearer(tokens["trainer"]),
            params={"since": since} if since else {},
        )
        return [json.loads(line) for line in response.text.splitlines()], response.headers[
            "Varsam-Cursor"
        ]

    rows, cursor = _until(lambda: (p := pulled()) and p[0] and p)
    assert [r["call_id"] for r in rows] == ["c1"]
    assert "John Smith" not in json.dumps(rows) and "[PERSON]" in rows[0]["text"]
    assert pulled(cursor)[0] == []
    assert _upload(client, tokens, tmp_path, "c2")["state"] == "queued"
    _until(lambda: _state(client, tokens, "c2") == "redacted")
    later = _until(lambda: pulled(cursor)[0])
    assert [r["call_id"] for r in later] == ["c2"]


def test_a_flag_raised_while_the_call_is_transcribed_leaves_nothing(api):
    client, tokens, tmp_path = api
    flagged = []

    def flag_mid_transcription():
        if not flagged:
            response = client.post("/v1/calls/c3/do-not-record", headers=bearer(tokens["agent"]))
            flagged.append(response.json()["request_id"])

    client.transcriber.during = flag_mid_transcription
    _upload(client, tokens, tmp_path, "c3")
    _until(lambda: flagged)
    receipt = _until(
        lambda: (
            (
                r := client.get(
                    f"/v1/deletions/{flagged[0]}", headers=bearer(tokens["privacy"])
                ).json()
            )["state"]
            == "completed"
            and r
        )
    )
    assert receipt["deleted"]["original_audio"] == 1
    status = client.get("/v1/calls/c3", headers=bearer(tokens["operator"])).json()
    assert status["state"] == "not_recorded" and status["artifacts"] == []
    assert not list((tmp_path / "data" / "objects" / "calls").glob("c3/**/*.json"))


def test_a_customer_deletion_completes_in_the_background_and_metrics_count_it(api):
    client, tokens, tmp_path = api
    _upload(client, tokens, tmp_path, "c4", "cust-9")
    _until(lambda: _state(client, tokens, "c4") == "redacted")
    made = client.post(
        "/v1/deletions", headers=bearer(tokens["privacy"]), json={"customer_id": "cust-9"}
    )
    assert made.status_code == 202 and made.json()["state"] == "pending"
    request_id = made.json()["request_id"]
    receipt = _until(
        lambda: (
            (
                r := client.get(
                    f"/v1/deletions/{request_id}", headers=bearer(tokens["privacy"])
                ).json()
            )["state"]
            == "completed"
            and r
        )
    )
    assert receipt["calls"] == ["c4"] and receipt["deleted"]["redacted_transcript"] == 1
    metrics = client.get("/metrics", headers=bearer(tokens["operator"])).text
    assert "varsam_deletion_latency_seconds_count 1.0" in metrics
    assert 'varsam_redactions_total{type="PERSON"} 1.0' in metrics
    assert 'varsam_stage_seconds_count{stage="transcribe"} 1.0' in metrics
    assert "cust-9" not in metrics and "c4" not in metrics
