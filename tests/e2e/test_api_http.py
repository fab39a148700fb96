"""End to end over HTTP: `varsam serve` (embedded, real uvicorn and models) used by each role."""

from __future__ import annotations

import httpx
import pytest

from tests.api_flow import run_privacy_story
from tests.api_helpers import bearer

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def story(served, manifest):
    """The whole story once: upload, flag, process, export, hold, delete, release, restrict."""
    return run_privacy_story(served.url, served.tokens, "emb", manifest)


def test_the_privacy_story_holds_over_http_in_embedded_mode(story):
    assert story["receipt"]["state"] == "completed"
    assert set(story["feed"].values()) == {"restricted", "deleted"}


def test_metrics_show_stages_deletions_and_redactions_without_ids(served, story, manifest):
    response = httpx.get(f"{served.url}/metrics", headers=bearer(served.tokens["operator"]))
    assert response.status_code == 200
    text = response.text
    assert 'varsam_stage_seconds_count{stage="transcribe"}' in text
    assert "varsam_deletion_latency_seconds_count" in text
    assert 'varsam_redactions_total{type="PERSON"}' in text
    assert "varsam_dlq_events 0.0" in text
    for call in manifest:
        assert call["customer_id"] not in text
    assert "emb-keep" not in text and "cust-emb" not in text


def test_readyz_reports_store_ledger_and_pipeline(served):
    response = httpx.get(f"{served.url}/readyz", headers=bearer(served.tokens["operator"]))
    assert response.status_code == 200
    assert response.json()["checks"] == {"store": True, "ledger": True, "pipeline": True}
