"""The privacy story over HTTP, as each role's client sees it; run against any backend."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx

from tests.api_helpers import bearer
from tests.api_server import poll
from tests.conftest import SAMPLES


class Flow:
    """One run of the story against a server: its own call and customer ids."""

    def __init__(self, url: str, tokens: dict[str, str], tag: str, timeout_s: float = 240) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        self.tokens, self.tag, self.timeout_s = tokens, tag, timeout_s
        self.keep, self.flagged, self.deleted = f"{tag}-keep", f"{tag}-dnr", f"{tag}-del"
        self.customer = f"cust-{tag}"

    def as_(self, role: str) -> dict[str, str]:
        return bearer(self.tokens[role])

    def upload(self, call_id: str, sample: str, customer_id: str) -> dict:
        with open(SAMPLES / sample, "rb") as fh:
            response = self.http.post(
                "/v1/calls",
                headers=self.as_("recorder"),
                files={"file": (sample, fh, "application/octet-stream")},
                data={"call_id": call_id, "customer_id": customer_id, "language": "en"},
            )
        assert response.status_code == 202, response.text
        return response.json()

    def status(self, call_id: str) -> dict:
        response = self.http.get(f"/v1/calls/{call_id}", headers=self.as_("operator"))
        assert response.status_code == 200, response.text
        return response.json()

    def receipt(self, request_id: str) -> dict:
        response = self.http.get(f"/v1/deletions/{request_id}", headers=self.as_("privacy"))
        assert response.status_code == 200, response.text
        return response.json()

    def export(self, since: str | None = None) -> tuple[list[dict], str]:
        params = {"since": since} if since else {}
        response = self.http.get("/v1/export", headers=self.as_("trainer"), params=params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/x-ndjson")
        rows = [json.loads(line) for line in response.text.splitlines()]
        return rows, response.headers["Varsam-Cursor"]

    def wait(self, what: str, check):
        return poll(what, check, self.timeout_s)


def run_privacy_story(url: str, tokens: dict[str, str], tag: str, manifest: list[dict]) -> dict:
    """Upload, flag before upload, process, export, hold, customer deletion, release,
    restriction and revocations; asserts each step and returns what it saw."""
    flow = Flow(url, tokens, tag)
    started = datetime.now(UTC).isoformat()

    # The agent flags a call before the recording system has sent it.
    flagged = flow.http.post(f"/v1/calls/{flow.flagged}/do-not-record", headers=flow.as_("agent"))
    assert flagged.status_code == 202, flagged.text
    again = flow.http.post(f"/v1/calls/{flow.flagged}/do-not-record", headers=flow.as_("agent"))
    assert again.json()["request_id"] == flagged.json()["request_id"]
    assert flow.upload(flow.flagged, "en-dnr.mp3", flow.customer)["state"] == "not_recorded"
    assert flow.upload(flow.keep, "en-billing.wav", "cust-1001")["state"] == "queued"
    assert flow.upload(flow.deleted, "en-delete.m4a", flow.customer)["state"] == "queued"
    duplicate = flow.http.post(
        "/v1/calls",
        headers=flow.as_("recorder"),
        files={"file": ("x.wav", (SAMPLES / "en-billing.wav").read_bytes())},
        data={"call_id": flow.keep},
    )
    assert duplicate.status_code == 409 and duplicate.json()["reason"] == "call_exists"

    flow.wait(
        "both calls redacted",
        lambda: all(flow.status(c)["state"] == "redacted" for c in (flow.keep, flow.deleted)),
    )
    assert flow.status(flow.flagged)["state"] == "not_recorded"
    assert flow.status(flow.flagged)["artifacts"] == []

    # The trainer's first pull: the cursor trails the newest writes, so wait for both rows.
    rows, cursor = flow.wait(
        "both rows in the export",
        lambda: (
            (pulled := flow.export())
            and {flow.keep, flow.deleted} <= {r["call_id"] for r in pulled[0]}
            and pulled
        ),
    )
    ours = [r for r in rows if r["call_id"].startswith(f"{tag}-")]
    assert sorted(r["call_id"] for r in ours) == sorted([flow.keep, flow.deleted])
    text = json.dumps(ours, ensure_ascii=False).lower()
    for call in manifest:
        for pii in call["pii"]:
            for form in pii["forms"]:
                assert form.lower() not in text, (call["call_id"], pii["type"])
    resumed, _ = flow.export(cursor)
    assert not [r for r in resumed if r["call_id"] in (flow.keep, flow.deleted)]
    audio = flow.http.get(f"/v1/calls/{flow.keep}/redacted-audio", headers=flow.as_("trainer"))
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"

    # A legal hold on the customer: the deletion waits, saying why; on release it completes.
    hold = flow.http.post(
        "/v1/holds",
        headers=flow.as_("privacy"),
        json={"customer_id": flow.customer, "reason": "bookkeeping act"},
    )
    assert hold.status_code == 202, hold.text
    deletion = flow.http.post(
        "/v1/deletions", headers=flow.as_("privacy"), json={"customer_id": flow.customer}
    )
    assert deletion.status_code == 202, deletion.text
    request_id = deletion.json()["request_id"]
    held = flow.wait(
        "the receipt to say held", lambda: (r := flow.receipt(request_id))["state"] == "held" and r
    )
    assert held["held_reason"] == "bookkeeping act"
    assert flow.status(flow.deleted)["hold_reason"] == "bookkeeping act"
    listed = flow.http.get("/v1/deletions", headers=flow.as_("privacy")).json()["requests"]
    assert any(r["request_id"] == request_id and r["receipt"]["state"] == "held" for r in listed)
    release = flow.http.post(
        "/v1/holds/release", headers=flow.as_("privacy"), json={"customer_id": flow.customer}
    )
    assert release.status_code == 202, release.text
    done = flow.wait(
        "the receipt to say completed",
        lambda: (r := flow.receipt(request_id))["state"] == "completed" and r,
    )
    assert done["deleted"]["raw_transcript"] == 1 and done["deleted"]["redacted_transcript"] == 1
    assert done["calls"] == [flow.deleted]
    gone = flow.http.get(f"/v1/calls/{flow.deleted}", headers=flow.as_("operator"))
    # Nothing of the call is left: unknown, or known only by its queue entries.
    assert gone.status_code == 404 or gone.json()["artifacts"] == [], gone.text

    # A restriction: the kept call leaves the export and joins the revocation feed.
    restriction = flow.http.post(
        "/v1/restrictions", headers=flow.as_("privacy"), json={"call_id": flow.keep}
    )
    assert restriction.status_code == 202, restriction.text

    def revoked() -> dict[str, str] | None:
        response = flow.http.get(
            "/v1/revocations", headers=flow.as_("trainer"), params={"since": started}
        )
        assert response.status_code == 200, response.text
        found = {r["call_id"]: r["reason"] for r in response.json()["revocations"]}
        return found if {flow.keep, flow.deleted} <= set(found) else None

    feed = flow.wait("both calls in the revocation feed", revoked)
    assert feed[flow.keep] == "restricted" and feed[flow.deleted] == "deleted"
    everything, _ = flow.export()
    assert not {flow.keep, flow.deleted, flow.flagged} & {r["call_id"] for r in everything}

    # The privacy team's view: the access report and the audit trail, by token name.
    report = flow.http.get(f"/v1/customers/{flow.customer}/report", headers=flow.as_("privacy"))
    assert report.status_code == 200
    states = {c["call_id"]: c["state"] for c in report.json()["calls"]}
    assert states[flow.deleted] == "deleted"
    audit = flow.http.get("/v1/audit", headers=flow.as_("privacy"), params={"since": started})
    records = audit.json()["records"]
    tokens_seen = {r["detail"]["token"] for r in records if r["action"] == "api_request"}
    assert {"agent-e2e", "recorder-e2e", "privacy-e2e", "trainer-e2e"} <= tokens_seen
    audit_text = json.dumps(records)
    assert flow.customer not in audit_text and "cust-1001" not in audit_text
    assert not any(t in audit_text for t in tokens.values())
    return {"rows": ours, "receipt": done, "feed": feed}
