"""Consent on the distributed pipeline: real worker processes, flags racing the work, crashes."""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta

import pytest
from kafka import KafkaConsumer

from pipeline import keys
from pipeline.consent import DELETING_KINDS, CallRef, consent_of
from pipeline.events import utcnow
from tests.conftest import SAMPLES
from tests.integration.cluster import Cluster, wait_for
from workers.adapters.kafka_bus import ALL_TOPICS, create_topics, topic_name
from workers.runners.distributed import Distributed

pytestmark = pytest.mark.integration

WAV = SAMPLES / "en-billing.wav"
PII = ("John Smith", "john.smith", "07001234567")
STAGES = ("ingest", "transcribe", "redact", "purge")


@pytest.fixture
def cluster(tansu, seaweed, tmp_path):
    c = Cluster(tansu, seaweed, tmp_path, extra_env={"VARSAM_ASR__MODEL": "tiny.en"})
    create_topics(c.settings().kafka)
    yield c
    c.stop_all()


def every_record(cluster: Cluster) -> list[bytes]:
    kafka = cluster.settings().kafka
    consumer = KafkaConsumer(
        *[topic_name(kafka, t) for t in ALL_TOPICS],
        bootstrap_servers=kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=3000,
        group_id=None,
    )
    try:
        return [record.value or b"" for record in consumer]
    finally:
        consumer.close()


def consent(service: Distributed, call_id: str, customer: str, started):
    return consent_of(service.ctx.ledger, CallRef(call_id, customer, started))


def blockers(service: Distributed, calls: dict) -> list[str]:
    """What still keeps the deployment from quiescence (empty when quiescent)."""
    service.ctx.ledger.fence()
    found = []
    for call_id, (customer, started) in calls.items():
        state = consent(service, call_id, customer, started)
        stored = service.ctx.store.list(keys.call_prefix(call_id))
        if state.must_purge and stored:
            found.append(f"{call_id}: purge pending, holds {stored}")
        if not state.deleted and not service.ctx.store.exists(keys.redacted_transcript(call_id)):
            found.append(f"{call_id}: not redacted yet, holds {stored}")
    for flag in service.ctx.ledger.flags_since(None):
        if flag.kind in DELETING_KINDS:
            receipt = service.ctx.receipts.find(flag.request_id)
            if receipt is None or receipt.state == "pending":
                found.append(f"{flag.kind} {flag.scope}: receipt {receipt and receipt.state}")
    return found


def quiescent(service: Distributed, calls: dict) -> bool:
    return not blockers(service, calls)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_schedules_with_crashes_keep_the_invariants(cluster, tmp_path, seed):
    rng = random.Random(seed)
    workers = {stage: cluster.start(stage) for stage in STAGES}
    wait_for("workers to join", lambda: all(w.assigned() for w in workers.values()), 90)
    service = Distributed(cluster.settings())
    calls: dict[str, tuple[str, object]] = {}
    for step in range(14):
        action = rng.choice(["ingest", "ingest", "flag", "flag", "crash", "pause"])
        if action == "ingest":
            call_id, customer = f"s{seed}-c{step}", rng.choice(["k1", "k2"])
            started = utcnow()
            # Refused at landing (a flag came first) or queued: consent decides either way.
            service.ingest(
                WAV, call_id=call_id, customer_id=customer, language="en", started_at=started
            )
            calls[call_id] = (customer, started)
        elif action == "flag" and calls:
            kind = rng.choice(
                [
                    "do_not_record",
                    "delete_recording",
                    "restrict_training",
                    "legal_hold",
                    "release_hold",
                ]
            )
            if kind == "do_not_record" or rng.random() < 0.6:
                service.flag(kind, call_id=rng.choice(sorted(calls)), reason="audit")
            else:
                service.flag(kind, customer_id=rng.choice(["k1", "k2"]), reason="audit")
        elif action == "crash":
            stage = rng.choice(STAGES)
            workers[stage].process.kill()
            workers[stage] = cluster.start(stage)
        time.sleep(rng.uniform(0, 1.5))
    # Holds are released at the end, so every deletion can complete.
    for customer in ("k1", "k2"):
        service.flag("release_hold", customer_id=customer)
    for call_id in calls:
        service.flag("release_hold", call_id=call_id)
    try:
        wait_for("quiescence", lambda: quiescent(service, calls), timeout_s=300, every_s=1)
    except AssertionError:
        logs = {w.log.name: w.text()[-1500:] for w in cluster.workers}
        raise AssertionError(f"not quiescent: {blockers(service, calls)}; logs: {logs}") from None

    # Invariant 1 (no resurrection): nothing comes back a while later either.
    time.sleep(3)
    assert quiescent(service, calls)
    # Invariant 2: an export now contains no flagged call.
    out = tmp_path / "export.jsonl"
    service.export(out)
    for row in map(json.loads, out.read_text().splitlines()):
        customer, started = calls[row["call_id"]]
        assert consent(service, row["call_id"], customer, started).may_export
        assert not any(p.lower() in json.dumps(row).lower() for p in PII)
    # Invariant 3: one raw and one redacted transcript per processed call.
    for call_id in calls:
        transcripts = service.ctx.store.list(keys.call_prefix(call_id) + "transcript/")
        assert len(transcripts) in (0, 2), (call_id, transcripts)
    # Invariant 4: nothing personal in any event, audit record or DLQ entry.
    for payload in every_record(cluster):
        assert not any(p.lower().encode() in payload.lower() for p in PII)
    # Nothing was poison: consent records and fence barriers are never dead-lettered.
    from tests.integration.test_poison_and_outages import dead_letters

    assert dead_letters(cluster) == []
    # Invariant 5: every accepted flag is audited, every deletion answered.
    audit = [json.loads(p) for p in every_record(cluster) if b'"action"' in p]
    accepted = {a["request_id"] for a in audit if a["action"] == "flag_accepted"}
    for flag in service.ctx.ledger.flags_since(None):
        assert flag.request_id in accepted
        if flag.kind in DELETING_KINDS:
            assert service.ctx.receipts.get(flag.request_id).state in ("completed", "held")
    service.close()


def test_a_flag_mid_transcription_leaves_no_transcript_once_completed(cluster, tmp_path):
    from tests.integration.test_distributed_pipeline import _concatenate

    long_call = _concatenate([WAV] * 4, tmp_path / "long.wav")
    worker = cluster.start("transcribe")
    for stage in ("ingest", "redact", "purge"):
        cluster.start(stage)
    wait_for("workers to join", worker.assigned, 90)
    service = Distributed(cluster.settings())
    service.ingest(long_call, call_id="mid", customer_id="k1", language="en")
    wait_for(
        "transcription to start", lambda: "transcribe handling mid" in worker.text(), every_s=0.05
    )
    flag = service.flag("do_not_record", call_id="mid")
    # No write is in flight while the model runs: the receipt need not wait for the transcriber.
    wait_for("the receipt", lambda: service.receipt(flag.request_id).state == "completed", 60)
    assert service.ctx.store.list(keys.call_prefix("mid")) == []
    # The worker finishes, finds the flag at its fence, and writes nothing.
    wait_for("the transcriber", lambda: "transcribe handled mid" in worker.text(), 180, every_s=0.5)
    for _ in range(4):  # and nothing lands afterwards either
        assert service.ctx.store.list(keys.call_prefix("mid")) == []
        time.sleep(0.5)
    service.close()


def test_a_deletion_for_a_call_not_yet_arrived_and_a_customer_deletion_racing_a_new_call(cluster):
    for stage in STAGES:
        cluster.start(stage)
    service = Distributed(cluster.settings())
    early = service.flag("delete_recording", call_id="later")
    before = service.flag("delete_recording", customer_id="k9")
    old_start = before.accepted_at - timedelta(minutes=5)
    assert service.ingest(WAV, call_id="later", language="en") is None
    assert (
        service.ingest(WAV, call_id="old", customer_id="k9", language="en", started_at=old_start)
        is None
    )
    service.ingest(WAV, call_id="new", customer_id="k9", language="en")
    wait_for("the new call", lambda: service.ctx.store.exists(keys.redacted_transcript("new")), 120)
    assert service.ctx.store.list(keys.call_prefix("later")) == []
    assert service.ctx.store.list(keys.call_prefix("old")) == []
    for flag in (early, before):
        wait_for("receipts", lambda f=flag: service.receipt(f.request_id).state == "completed", 30)
    service.close()
