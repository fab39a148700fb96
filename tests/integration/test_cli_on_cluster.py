"""The operator's commands against a cluster: same CLI, `--backend kafka`, real servers."""

from __future__ import annotations

import json
import signal

import pytest

from pipeline import keys
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from workers.runners.distributed import Distributed

pytestmark = pytest.mark.integration


@pytest.fixture
def cluster(tansu, seaweed, tmp_path):
    c = Cluster(tansu, seaweed, tmp_path, extra_env={"VARSAM_ASR__MODEL": "tiny.en"})
    assert c.cli("topics", "create").returncode == 0
    yield c
    c.stop_all()


def test_topics_create_is_idempotent_and_consent_is_compacted(cluster):
    again = cluster.cli("topics", "create")
    assert again.returncode == 0 and again.stdout.strip() == "created 0 topics"
    admin = cluster.broker.admin()
    try:
        from kafka.admin import ConfigResource, ConfigResourceType

        name = f"{cluster.prefix}consent"
        configs = admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, name)], config_filter="all"
        )
        assert configs["topic"][name]["cleanup.policy"]["value"] == "compact"
    finally:
        admin.close()


def test_ingest_status_delete_and_export_work_against_the_cluster(cluster, tmp_path):
    for stage in ("ingest", "transcribe", "redact", "purge"):
        cluster.start(stage)
    wav = str(SAMPLES / "en-billing.wav")
    for call_id in ("keep", "drop"):
        result = cluster.cli("ingest", wav, "--call-id", call_id, "--customer-id", "cust-7")
        assert result.returncode == 0, result.stderr
    status = lambda c: json.loads(cluster.cli("status", "--call-id", c).stdout)  # noqa: E731
    wait_for(
        "both calls redacted",
        lambda: all(status(c)["state"] == "redacted" for c in ("keep", "drop")),
    )
    deleted = cluster.cli("delete", "--call-id", "drop", "--wait", "30")
    assert deleted.returncode == 0, deleted.stderr
    assert "completed" in deleted.stdout
    request_id = deleted.stdout.strip().splitlines()[-1]
    assert cluster.cli("delete", "--status", request_id).stdout.splitlines()[0] == "completed"
    assert status("drop")["state"] == "deleted"
    out = tmp_path / "export.jsonl"
    assert cluster.cli("export", "--out", str(out)).returncode == 0
    assert [json.loads(line)["call_id"] for line in out.read_text().splitlines()] == ["keep"]
    bad = cluster.cli("ingest", str(tmp_path / "missing.wav"), "--call-id", "x")
    assert bad.returncode == 1 and bad.stderr.startswith("error: no such file")


def test_sigterm_finishes_the_call_in_flight_commits_and_leaves_the_group(cluster, tmp_path):
    from tests.integration.test_distributed_pipeline import _concatenate

    long_call = _concatenate([SAMPLES / "en-billing.wav"] * 4, tmp_path / "long.wav")
    worker = cluster.start("transcribe")
    wait_for("the worker to join", worker.assigned, 60)
    service = Distributed(cluster.settings())
    service.ingest(long_call, call_id="long", language="en")
    cluster.start("ingest")
    wait_for(
        "transcription to start", lambda: "transcribe handling long" in worker.text(), every_s=0.05
    )
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(120) == 0
    assert worker.handled() == ["long"]
    assert service.ctx.store.exists(keys.raw_transcript("long"))
    successor = cluster.start("transcribe")
    wait_for("the successor to join", successor.assigned, 60)
    cluster.start("redact")
    wait_for(
        "the redacted transcript",
        lambda: service.ctx.store.exists(keys.redacted_transcript("long")),
    )
    assert successor.handled() == [], "the committed call must not be redelivered"
    service.close()


def test_concurrency_runs_that_many_members_of_the_stage_group(cluster):
    import re

    supervisor = cluster.start("ingest", "--concurrency", "2")

    def members() -> dict[str, list[int]]:
        latest: dict[str, list[int]] = {}
        for line in supervisor.text().splitlines():
            found = re.search(
                r" (\d+) INFO varsam.worker: ingest assigned partitions (\[.*\])", line
            )
            if found:
                latest[found[1]] = json.loads(found[2])
        return latest

    split = wait_for(
        "two members sharing the partitions",
        lambda: (m := members()) and len(m) == 2 and all(m.values()) and m,
        timeout_s=90,
    )
    assert sorted(p for parts in split.values() for p in parts) == list(range(6))
    supervisor.process.send_signal(signal.SIGTERM)
    assert supervisor.process.wait(60) == 0
