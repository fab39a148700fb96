"""Every endpoint × every role (and no token, an unknown one, a revoked one) → its status."""

from __future__ import annotations

import itertools
import json
import os
import stat

import pytest
from fastapi.testclient import TestClient

from config.settings import load_settings
from tests.api_helpers import bearer, make_tokens
from tests.conftest import SAMPLES
from workers.api.app import TOKENS_FILE, create_app
from workers.api.tokens import ROLES

CALLERS = (*ROLES, None, "unknown", "revoked")
_counter = itertools.count()


def _fresh(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def _upload(client, headers):
    with open(SAMPLES / "en-dnr.mp3", "rb") as fh:
        return client.post(
            "/v1/calls",
            headers=headers,
            files={"file": ("call.mp3", fh, "audio/mpeg")},
            data={"call_id": _fresh("up"), "customer_id": "cust-m"},
        )


# (name, roles allowed, status an allowed caller gets, request)
ENDPOINTS = [
    ("upload", {"recorder"}, 202, _upload),
    (
        "do_not_record",
        {"agent"},
        202,
        lambda c, h: c.post(f"/v1/calls/{_fresh('dnr')}/do-not-record", headers=h),
    ),
    (
        "call_status",
        {"operator", "privacy", "agent"},
        200,
        lambda c, h: c.get("/v1/calls/known", headers=h),
    ),
    (
        "delete",
        {"privacy"},
        202,
        lambda c, h: c.post("/v1/deletions", headers=h, json={"call_id": _fresh("del")}),
    ),
    ("requests", {"privacy"}, 200, lambda c, h: c.get("/v1/deletions", headers=h)),
    (
        "receipt",
        {"privacy"},
        200,
        lambda c, h: c.get(f"/v1/deletions/{c.known_request}", headers=h),
    ),
    (
        "hold",
        {"privacy"},
        202,
        lambda c, h: c.post(
            "/v1/holds", headers=h, json={"customer_id": "cust-h", "reason": "audit"}
        ),
    ),
    (
        "release",
        {"privacy"},
        202,
        lambda c, h: c.post("/v1/holds/release", headers=h, json={"customer_id": "cust-h"}),
    ),
    (
        "restrict",
        {"privacy"},
        202,
        lambda c, h: c.post("/v1/restrictions", headers=h, json={"customer_id": "cust-r"}),
    ),
    ("report", {"privacy"}, 200, lambda c, h: c.get("/v1/customers/cust-m/report", headers=h)),
    ("audit", {"privacy"}, 200, lambda c, h: c.get("/v1/audit", headers=h)),
    ("export", {"trainer"}, 200, lambda c, h: c.get("/v1/export", headers=h)),
    # Nothing has been redacted here: the trainer is let in and told there is no audio.
    (
        "redacted_audio",
        {"trainer"},
        404,
        lambda c, h: c.get("/v1/calls/known/redacted-audio", headers=h),
    ),
    ("revocations", {"trainer"}, 200, lambda c, h: c.get("/v1/revocations", headers=h)),
    ("readyz", {"operator"}, 200, lambda c, h: c.get("/readyz", headers=h)),
    ("metrics", {"operator"}, 200, lambda c, h: c.get("/metrics", headers=h)),
    ("healthz", set(CALLERS), 200, lambda c, h: c.get("/healthz", headers=h)),
]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("api-auth")
    settings = load_settings(data_dir=data_dir)
    tokens = make_tokens(settings)
    with TestClient(create_app(settings, run_pipeline=False)) as client:
        assert _upload_known(client, tokens).status_code == 202
        made = client.post(
            "/v1/deletions", headers=bearer(tokens["privacy"]), json={"call_id": "gone"}
        )
        client.known_request = made.json()["request_id"]
        yield client, tokens, data_dir


def _upload_known(client, tokens):
    with open(SAMPLES / "en-dnr.mp3", "rb") as fh:
        return client.post(
            "/v1/calls",
            headers=bearer(tokens["recorder"]),
            files={"file": ("call.mp3", fh, "audio/mpeg")},
            data={"call_id": "known", "customer_id": "cust-m"},
        )


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "no_token")
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e[0])
def test_each_endpoint_answers_each_caller_as_its_role_allows(api, endpoint, caller):
    client, tokens, _ = api
    name, allowed, ok_status, call = endpoint
    response = call(client, bearer(tokens.get(caller) if caller else None))
    if caller in allowed:
        expected, reason = ok_status, None
    elif caller in (None, "unknown", "revoked"):
        expected = 401
        reason = "missing_token" if caller is None else "invalid_token"
    else:
        expected, reason = 403, "wrong_role"
    assert response.status_code == expected, (name, caller, response.text)
    if reason:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["reason"] == reason
        assert response.json()["status"] == expected


def test_authorization_is_decided_before_the_body_is_looked_at(api):
    client, tokens, _ = api
    response = client.post("/v1/deletions", headers=bearer(tokens["trainer"]), json={"bad": 1})
    assert response.status_code == 403
    assert client.post("/v1/deletions", json={"bad": 1}).status_code == 401


def test_accepted_requests_are_audited_with_the_token_name_never_the_token(api):
    client, tokens, data_dir = api
    client.get("/v1/revocations", headers=bearer(tokens["trainer"]))
    client.get("/v1/revocations", headers=bearer(tokens["agent"]))  # refused: not audited
    audit = (data_dir / "audit.jsonl").read_text()
    records = [json.loads(line) for line in audit.splitlines()]
    requests = [r["detail"] for r in records if r["action"] == "api_request"]
    assert {
        "token": "trainer-1",
        "role": "trainer",
        "method": "GET",
        "route": "/v1/revocations",
        "status": 200,
    } in requests
    assert not any(r["token"] == "agent-1" and r["route"] == "/v1/revocations" for r in requests)
    flags = [
        r
        for r in records
        if r["action"] == "flag_accepted" and r["detail"]["kind"] == "do_not_record"
    ]
    assert flags and all(r["detail"]["by"] == "agent-1" for r in flags)
    for token in tokens.values():
        assert token not in audit


def test_the_token_file_holds_only_hashes_and_is_private_to_its_owner(api):
    _, tokens, data_dir = api
    path = data_dir / TOKENS_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert "privacy-1" in text
    for token in tokens.values():
        assert token not in text
