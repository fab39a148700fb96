"""`varsam serve` in Kafka mode: the API publishes and reads, the stage workers do the work."""

from __future__ import annotations

import httpx
import pytest

from tests.api_flow import run_privacy_story
from tests.api_helpers import bearer
from tests.api_server import clean_env, start_api_server
from tests.integration.cluster import Cluster
from workers.api.tokens import ROLES

pytestmark = pytest.mark.integration


@pytest.fixture
def served_cluster(tansu, seaweed, tmp_path):
    cluster = Cluster(tansu, seaweed, tmp_path / "cluster")
    assert cluster.cli("topics", "create").returncode == 0
    for stage in ("ingest", "transcribe", "redact", "purge"):
        cluster.start(stage)
    env = clean_env(**cluster.env, VARSAM_DATA_DIR=str(tmp_path / "api-data"))
    server = start_api_server(tmp_path / "api", env, ROLES)
    yield server, cluster
    server.stop()
    cluster.stop_all()


def test_the_privacy_story_holds_over_http_against_kafka_and_s3(served_cluster, manifest):
    server, cluster = served_cluster
    ready = httpx.get(f"{server.url}/readyz", headers=bearer(server.tokens["operator"]))
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"store": True, "ledger": True, "broker": True}
    try:
        seen = run_privacy_story(server.url, server.tokens, "kfk", manifest)
    except AssertionError:
        print(server.log_tail())
        for worker in cluster.workers:
            print(worker.log.name, worker.text()[-3000:])
        raise
    assert seen["receipt"]["state"] == "completed"
    metrics = httpx.get(f"{server.url}/metrics", headers=bearer(server.tokens["operator"]))
    assert "varsam_dlq_events 0.0" in metrics.text
    assert 'varsam_calls{state="redacted"}' in metrics.text
