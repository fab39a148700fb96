"""The stages as separate worker processes on Tansu (Kafka protocol) and SeaweedFS (S3)."""

from __future__ import annotations

import json

import pytest

from pipeline import keys
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from workers.adapters.kafka_bus import create_topics
from workers.runners.distributed import Distributed

pytestmark = pytest.mark.integration

CALLS = {
    "en-billing": ("en-billing.wav", "mono"),
    "en-stereo-card": ("en-stereo-card.flac", "stereo"),
    "en-delete": ("en-delete.m4a", "mono"),
}


@pytest.fixture
def cluster(tansu, seaweed, tmp_path):
    c = Cluster(tansu, seaweed, tmp_path)
    create_topics(c.settings().kafka)
    yield c
    c.stop_all()


def ingest_samples(service, calls=CALLS):
    for call_id, (name, layout) in calls.items():
        service.ingest(
            SAMPLES / name, call_id=call_id, customer_id="cust-1", layout=layout, language="en"
        )


def redacted(service, call_id):
    key = keys.redacted_transcript(call_id)
    return service.ctx.store.exists(key) and json.loads(service.ctx.store.get_bytes(key))


def comparable(document):
    return {k: document[k] for k in ("text", "segments", "entity_counts", "language", "duration_s")}


def test_sample_calls_flow_through_worker_processes_as_in_embedded_mode(cluster, tmp_path):
    for stage in ("ingest", "transcribe", "redact", "purge"):
        cluster.start(stage)
    service = Distributed(cluster.settings())
    ingest_samples(service)
    docs = wait_for(
        "every redacted transcript",
        lambda: (
            all(redacted(service, c) for c in CALLS) and {c: redacted(service, c) for c in CALLS}
        ),
    )

    from config.settings import load_settings
    from workers.runners.embedded import Embedded

    embedded = Embedded(load_settings(data_dir=tmp_path / "embedded"))
    ingest_samples(embedded)
    embedded.run()
    for call_id in CALLS:
        expected = json.loads(embedded.store.get_bytes(keys.redacted_transcript(call_id)))
        assert comparable(docs[call_id]) == comparable(expected), call_id
    assert "[PERSON]" in docs["en-billing"]["text"] and "[EMAIL]" in docs["en-billing"]["text"]
    assert cluster.stop_all() == {w.log.name: 0 for w in cluster.workers}
    service.close()


def test_two_transcribe_workers_split_the_calls_and_do_each_exactly_once(cluster, tmp_path):
    cluster.extra_env["VARSAM_ASR__MODEL"] = "tiny.en"
    cluster.extra_env["VARSAM_ASR__CPU_THREADS"] = "1"
    cluster.start("ingest")
    cluster.start("redact")
    workers = [cluster.start("transcribe"), cluster.start("transcribe")]
    wait_for(
        "both transcribe workers to share the partitions",
        lambda: (
            all(w.assigned() for w in workers)
            and sorted(p for w in workers for p in w.assigned()) == list(range(6))
        ),
        timeout_s=90,
    )
    service = Distributed(cluster.settings())
    wav = SAMPLES / "en-billing.wav"
    calls = [f"call-{i:02d}" for i in range(10)]
    for call_id in calls:
        service.ingest(wav, call_id=call_id, language="en")
    wait_for("every call redacted", lambda: all(redacted(service, c) for c in calls))
    done = [w.handled() for w in workers]
    assert all(done), "each worker should have transcribed some calls"
    assert sorted(done[0] + done[1]) == calls, "together exactly all calls, each once"
    for call_id in calls:
        assert service.ctx.store.list(keys.call_prefix(call_id) + "transcript/") == [
            keys.raw_transcript(call_id),
            keys.redacted_transcript(call_id),
        ]
    service.close()


def test_threaded_transcribe_members_share_one_model_and_do_each_call_once(cluster):
    cluster.extra_env["VARSAM_ASR__MODEL"] = "tiny.en"
    cluster.start("ingest")
    cluster.start("redact")
    worker = cluster.start("transcribe", "--concurrency", "2")
    wait_for(
        "two members sharing the partitions",
        lambda: (
            sorted(
                p
                for line in worker.text().splitlines()
                if "transcribe assigned partitions" in line
                for p in json.loads(line.rsplit("partitions ", 1)[1])
            )
            == list(range(6))
        ),
        timeout_s=90,
    )
    service = Distributed(cluster.settings())
    calls = [f"call-{i:02d}" for i in range(6)]
    for call_id in calls:
        service.ingest(SAMPLES / "en-billing.wav", call_id=call_id, language="en")
    wait_for("every call redacted", lambda: all(redacted(service, c) for c in calls))
    assert sorted(worker.handled()) == calls, "each call transcribed exactly once"
    assert "2 members, one model" in worker.text()
    service.close()


def test_a_transcribe_worker_killed_mid_call_is_finished_by_the_survivor(cluster, tmp_path):
    long_call = tmp_path / "long.wav"
    _concatenate([SAMPLES / "en-billing.wav"] * 6, long_call)
    cluster.start("ingest")
    cluster.start("redact")
    workers = [cluster.start("transcribe"), cluster.start("transcribe")]
    wait_for("both transcribe workers assigned", lambda: all(w.assigned() for w in workers), 90)
    service = Distributed(cluster.settings())
    service.ingest(long_call, call_id="long-call", language="en")
    victim = wait_for(
        "a worker to start on the call",
        lambda: next((w for w in workers if "transcribe handling long-call" in w.text()), None),
        every_s=0.05,
    )
    victim.process.kill()
    survivor = next(w for w in workers if w is not victim)
    wait_for("the survivor to finish the call", lambda: redacted(service, "long-call"), 240)
    assert "long-call" in survivor.handled() and victim.handled() == []
    assert service.ctx.store.list(keys.call_prefix("long-call") + "transcript/") == [
        keys.raw_transcript("long-call"),
        keys.redacted_transcript("long-call"),
    ]
    service.close()


def _concatenate(sources, out):
    import wave

    frames, params = b"", None
    for source in sources:
        with wave.open(str(source)) as w:
            params = w.getparams()
            frames += w.readframes(w.getnframes())
    with wave.open(str(out), "wb") as w:
        w.setparams(params)
        w.writeframes(frames)
    return out


def test_broker_restart_loses_nothing(durable_tansu, seaweed, tmp_path):
    cluster = Cluster(durable_tansu, seaweed, tmp_path)
    cluster.extra_env["VARSAM_ASR__MODEL"] = "tiny.en"
    create_topics(cluster.settings().kafka)
    try:
        for stage in ("ingest", "transcribe", "redact", "purge"):
            cluster.start(stage)
        service = Distributed(cluster.settings())
        ingest_samples(service)
        wait_for("the first call redacted", lambda: any(redacted(service, c) for c in CALLS))
        durable_tansu.restart()
        more = {"en-billing-2": CALLS["en-billing"], "en-delete-2": CALLS["en-delete"]}
        service = Distributed(cluster.settings())
        ingest_samples(service, more)
        wait_for(
            "every call redacted across the restart",
            lambda: all(redacted(service, c) for c in [*CALLS, *more]),
            timeout_s=240,
        )
        flag = service.flag("delete_recording", call_id="en-billing")
        wait_for("the deletion", lambda: service.receipt(flag.request_id).state == "completed", 60)
        assert service.ctx.store.list(keys.call_prefix("en-billing")) == []
    finally:
        cluster.stop_all()
