"""API errors are problem+json with a safe reason code; bodies and uploads have limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from config.settings import load_settings
from tests.api_helpers import bearer, make_tokens
from tests.conftest import SAMPLES
from workers.api.app import create_app


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("VARSAM_API__MAX_UPLOAD_BYTES", "200000")
    monkeypatch.setenv("VARSAM_API__MAX_CALL_DURATION_S", "3")
    settings = load_settings(data_dir=tmp_path / "data")
    tokens = make_tokens(settings)
    with TestClient(create_app(settings, run_pipeline=False)) as client:
        yield client, tokens, tmp_path / "data"


def _problem(response, status: int, reason: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["reason"] == reason
    assert body["type"] == f"urn:varsam:problem:{reason}"
    return body


def test_an_invalid_call_id_is_refused_without_echoing_it(api):
    client, tokens, _ = api
    for bad in ("a..b", "x" * 200, "-rf"):
        response = client.post(f"/v1/calls/{bad}/do-not-record", headers=bearer(tokens["agent"]))
        body = _problem(response, 400, "invalid_id")
        assert bad not in response.text and "invalid call id" in body["detail"]


def test_a_body_that_fails_validation_names_fields_never_values(api):
    client, tokens, _ = api
    secret = "Anna Andersson 19800101-1234"
    response = client.post(
        "/v1/holds", headers=bearer(tokens["privacy"]), json={"customer_id": secret}
    )
    body = _problem(response, 422, "invalid_body")
    assert "reason: missing" in body["detail"]
    response = client.post(
        "/v1/deletions", headers=bearer(tokens["privacy"]), json={"customer_id": secret}
    )
    _problem(response, 400, "invalid_id")
    assert secret not in response.text


def test_an_unknown_receipt_and_an_unknown_call_are_404_problems(api):
    client, tokens, _ = api
    missing = "req-00000000000000000000000000000000"
    _problem(
        client.get(f"/v1/deletions/{missing}", headers=bearer(tokens["privacy"])),
        404,
        "unknown_request",
    )
    _problem(
        client.get("/v1/calls/nobody", headers=bearer(tokens["operator"])), 404, "unknown_request"
    )
    _problem(client.get("/v1/nothing-here"), 404, "not_found")


def test_a_json_body_over_the_limit_is_refused_before_it_is_read_whole(api):
    client, tokens, _ = api
    response = client.post(
        "/v1/deletions",
        headers={**bearer(tokens["privacy"]), "content-type": "application/json"},
        content=b'{"call_id": "' + b"a" * 70_000 + b'"}',
    )
    _problem(response, 413, "too_large")


def test_a_streamed_body_over_the_limit_is_cut_off_mid_stream(api):
    client, tokens, _ = api

    def chunks():
        for _ in range(100):
            yield b"x" * 10_000  # 1 MB in all, with no Content-Length to go by

    response = client.post(
        "/v1/calls",
        headers={**bearer(tokens["recorder"]), "content-type": "multipart/form-data; boundary=b"},
        content=chunks(),
    )
    _problem(response, 413, "too_large")


def test_an_upload_over_the_size_limit_is_refused_and_nothing_lands(api):
    client, tokens, data_dir = api
    with open(SAMPLES / "en-billing.wav", "rb") as fh:  # 600 kB > the 200 kB limit here
        response = client.post(
            "/v1/calls",
            headers=bearer(tokens["recorder"]),
            files={"file": ("call.wav", fh)},
            data={"call_id": "big"},
        )
    _problem(response, 413, "too_large")
    assert not (data_dir / "objects" / "calls").exists()


def test_an_upload_longer_than_allowed_or_not_audio_is_refused(api):
    client, tokens, data_dir = api
    with open(SAMPLES / "en-dnr.mp3", "rb") as fh:  # longer than the 3 s limit here
        response = client.post(
            "/v1/calls",
            headers=bearer(tokens["recorder"]),
            files={"file": ("call.mp3", fh)},
            data={"call_id": "long"},
        )
    _problem(response, 400, "too_long")
    response = client.post(
        "/v1/calls",
        headers=bearer(tokens["recorder"]),
        files={"file": ("notes.txt", b"my name is Anna")},
        data={"call_id": "text"},
    )
    body = _problem(response, 415, "unsupported_format")
    assert "txt" not in body["detail"]
    response = client.post(
        "/v1/calls",
        headers=bearer(tokens["recorder"]),
        files={"file": ("call.wav", b"RIFF not really a wav")},
        data={"call_id": "broken"},
    )
    assert response.status_code == 422 and response.json()["reason"] == "undecodable_audio"
    assert not (data_dir / "objects" / "calls").exists()


def test_an_upload_without_a_call_id_or_file_is_a_400(api):
    client, tokens, _ = api
    no_id = client.post(
        "/v1/calls", headers=bearer(tokens["recorder"]), files={"file": ("a.wav", b"x")}
    )
    _problem(no_id, 400, "missing_call_id")
    no_file = client.post(
        "/v1/calls", headers=bearer(tokens["recorder"]), files={"call_id": (None, "c1")}
    )
    _problem(no_file, 400, "missing_file")


def test_no_cors_headers_unless_origins_are_configured(api, tmp_path, monkeypatch):
    client, _, _ = api
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    response = client.options("/v1/deletions", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    monkeypatch.setenv("VARSAM_API__CORS_ORIGINS", '["https://crm.example"]')
    settings = load_settings(data_dir=tmp_path / "cors")
    with TestClient(create_app(settings, run_pipeline=False)) as cors:
        allowed = cors.options(
            "/v1/deletions", headers={**preflight, "Origin": "https://crm.example"}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://crm.example"
        refused = cors.options("/v1/deletions", headers=preflight)
        assert "access-control-allow-origin" not in refused.headers


def test_a_token_revoked_while_the_server_runs_is_refused_at_its_next_request(api):
    client, _, data_dir = api
    from workers.api.tokens import TokenStore

    store = TokenStore(data_dir / "api-tokens.json")
    token = store.create("trainer", "short-lived")
    assert client.get("/v1/revocations", headers=bearer(token)).status_code == 200
    store.revoke("short-lived")
    _problem(client.get("/v1/revocations", headers=bearer(token)), 401, "invalid_token")


def test_console_pages_need_a_signed_in_token_of_their_role_and_forms_need_the_page(api):
    client, tokens, _ = api
    assert client.get("/agent").status_code == 401
    assert "Sign in" in client.get("/agent").text
    signed = client.post("/login", data={"token": tokens["trainer"]}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == "/trainer"
    cookie = signed.cookies.get("varsam_token")
    assert "httponly" in signed.headers["set-cookie"].lower()
    assert "samesite=strict" in signed.headers["set-cookie"].lower()
    client.cookies.set("varsam_token", cookie)
    assert client.get("/trainer").status_code == 200
    _problem(client.get("/privacy"), 403, "wrong_role")
    client.cookies.clear()
    client.cookies.set("varsam_token", tokens["agent"])
    forged = client.post("/agent/flag", data={"call_id": "c9", "csrf": "guess"})
    _problem(forged, 403, "bad_form")
    client.cookies.clear()
    assert client.post("/login", data={"token": tokens["revoked"]}).status_code == 401


def test_openapi_and_its_docs_page_are_served_without_any_cdn(api):
    client, _, _ = api
    spec = client.get("/openapi.json").json()
    assert "/v1/calls/{call_id}/do-not-record" in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/v1/calls"]["post"]["requestBody"]["content"]
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs and "cdn." not in docs and "https://" not in docs
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
