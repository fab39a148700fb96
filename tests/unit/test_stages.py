"""The stage functions over in-memory twins: consent at every step, idempotency, receipts."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest

from pipeline import keys
from pipeline.consent import CallRef
from pipeline.errors import UndecodableAudio
from pipeline.events import ConsentFlag, RecordingReceived
from pipeline.export_rows import export_rows
from pipeline.ids import new_request_id
from pipeline.intents import WriteIntent
from pipeline.stages import ingest, purge, redact, transcribe
from pipeline.storage import sha256_file
from tests.fakes import make_context, write_wav


@pytest.fixture
def ctx():
    return make_context()


def land(ctx, tmp_path, call_id="c1", customer_id="cust-1", started_at=None, channels=1):
    wav = write_wav(tmp_path / f"{call_id}.wav", channels=channels)
    key = keys.original_audio(call_id, "wav")
    ctx.store.put_file(key, wav)
    return RecordingReceived(
        call_id=call_id,
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        customer_id=customer_id,
        started_at=started_at or ctx.clock(),
    )


def flag(ctx, kind, scope="call", subject="c1", reason=None, sweep=True):
    """Accept a flag and carry it out; with `sweep`, also run the final sweep when it is due."""
    ctx.clock.advance(0.001)
    f = ConsentFlag(
        request_id=new_request_id(),
        kind=kind,
        scope=scope,
        subject_id=subject,
        accepted_at=ctx.clock(),
        reason=reason,
    )
    purge.accept_flag(ctx, f)
    purge.handle(f, ctx)
    if sweep:
        purge.sweep_due(ctx)
    return f


def process(ctx, event):
    """Run an event through every stage; return the last stage's outputs."""
    outputs = [event]
    for stage in (ingest, transcribe, redact):
        outputs = [o for e in outputs for o in stage.handle(e, ctx)]
    return outputs


def test_processed_call_has_redacted_transcript_without_the_names(ctx, tmp_path):
    [done] = process(ctx, land(ctx, tmp_path))
    doc = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    assert "John Smith" not in json.dumps(doc) and "07001234567" not in json.dumps(doc)
    assert doc["text"] == "my name is [PERSON] call me on [PHONE]"
    assert done.entity_counts == {"PERSON": 1, "PHONE": 1}
    entity = doc["segments"][0]["entities"][0]
    assert entity["t_start"] < entity["t_end"]
    assert ctx.store.exists(keys.customer_index("cust-1", "c1"))


def test_do_not_record_before_ingest_removes_audio_and_makes_no_transcript(ctx, tmp_path):
    f = flag(ctx, "do_not_record")
    assert process(ctx, land(ctx, tmp_path)) == []
    assert ctx.store.list("calls/") == []
    assert ctx.transcriber.calls == 0
    receipt = ctx.receipts.get(f.request_id)
    assert receipt.state == "completed" and receipt.deleted == {"original_audio": 1}


def test_do_not_record_after_transcription_removes_transcript(ctx, tmp_path):
    [ingested] = ingest.handle(land(ctx, tmp_path), ctx)
    [transcribed] = transcribe.handle(ingested, ctx)
    f = flag(ctx, "do_not_record")
    assert redact.handle(transcribed, ctx) == []
    assert ctx.store.list("calls/") == [] and ctx.store.list("customers/") == []
    assert ctx.receipts.get(f.request_id).deleted["raw_transcript"] == 1


def test_flag_arriving_mid_transcription_means_the_transcript_never_lands(ctx, tmp_path):
    [ingested] = ingest.handle(land(ctx, tmp_path), ctx)
    ctx.transcriber.during = lambda: flag(ctx, "do_not_record")
    assert transcribe.handle(ingested, ctx) == []
    assert ctx.store.list("calls/") == []


def test_redelivered_events_make_one_transcript_and_the_same_output(ctx, tmp_path):
    event = land(ctx, tmp_path)
    first = process(ctx, event)
    second = process(ctx, event)
    assert first == second
    assert ctx.transcriber.calls == 1
    assert len(ctx.store.list(keys.call_prefix("c1") + "transcript/")) == 2


def test_delete_after_processing_removes_every_artifact_and_keeps_it_out_of_export(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    assert [r["call_id"] for r in export_rows(ctx)] == ["c1"]
    stored = [*ctx.store.list(keys.call_prefix("c1")), keys.customer_index("cust-1", "c1")]
    f = flag(ctx, "delete_recording")
    receipt = ctx.receipts.get(f.request_id)
    assert receipt.state == "completed"
    assert receipt.deleted == {
        "call_metadata": 1,
        "customer_index": 1,
        "original_audio": 1,
        "raw_transcript": 1,
        "redacted_audio": 1,
        "redacted_transcript": 1,
    }
    assert ctx.store.list("calls/") == [] and list(export_rows(ctx)) == []
    # The receipt names each deleted key by its hash, never the key itself.
    assert sorted(receipt.deleted_keys_sha256) == sorted(
        hashlib.sha256(key.encode()).hexdigest() for key in stored
    )


def test_customer_deletion_keeps_a_call_that_started_after_the_request(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path, "old"))
    f = flag(ctx, "delete_recording", scope="customer", subject="cust-1")
    later = land(ctx, tmp_path, "new", started_at=f.accepted_at + timedelta(seconds=1))
    process(ctx, later)
    assert ctx.store.list(keys.call_prefix("old")) == []
    assert ctx.store.exists(keys.redacted_transcript("new"))
    assert ctx.receipts.get(f.request_id).calls == ["old"]


def test_customer_deletion_applies_to_an_older_call_that_arrives_later(ctx, tmp_path):
    started = ctx.clock()
    f = flag(ctx, "delete_recording", scope="customer", subject="cust-1")
    assert process(ctx, land(ctx, tmp_path, "late", started_at=started)) == []
    assert ctx.store.list("calls/") == []
    assert ctx.receipts.get(f.request_id).deleted == {"original_audio": 1}


def test_hold_makes_a_deletion_wait_with_its_reason_and_release_completes_it(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    flag(ctx, "legal_hold", reason="bookkeeping act")
    f = flag(ctx, "delete_recording")
    receipt = ctx.receipts.get(f.request_id)
    assert (receipt.state, receipt.held_reason) == ("held", "bookkeeping act")
    assert ctx.store.exists(keys.redacted_transcript("c1"))
    assert list(export_rows(ctx)) == []
    flag(ctx, "release_hold")
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert ctx.store.list("calls/") == []


def test_restricted_call_is_kept_but_not_exported(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    flag(ctx, "restrict_training", scope="customer", subject="cust-1")
    assert ctx.store.exists(keys.redacted_transcript("c1"))
    assert list(export_rows(ctx)) == []


def test_undecodable_audio_is_a_poison_input_with_a_reason(ctx, tmp_path):
    event = land(ctx, tmp_path)
    ctx.store.put_bytes(event.audio_key, b"this is not audio at all")
    with pytest.raises(UndecodableAudio) as err:
        ingest.handle(event, ctx)
    assert err.value.reason == "undecodable_audio"


def test_audit_trail_records_flags_and_purges_without_customer_ids(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    flag(ctx, "delete_recording", scope="customer", subject="cust-1")
    actions = [r.action for r in ctx.audit.records]
    assert actions == ["flag_accepted", "call_purged", "deletion_completed"]
    assert "cust-1" not in repr(ctx.audit.records)


def test_a_deletion_with_no_write_in_flight_completes_in_its_first_pass(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    f = flag(ctx, "delete_recording", sweep=False)
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert ctx.store.list("calls/") == [] and ctx.store.list(purge.PENDING_PREFIX) == []


def test_a_deletion_waits_for_the_write_intent_of_its_call_and_no_other(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    with ctx.write_intent(CallRef("other", "cust-2")):
        assert flag(ctx, "delete_recording").request_id  # another call's write: no wait
        assert ctx.store.list(purge.PENDING_PREFIX) == []
    with ctx.write_intent(CallRef("c1", "cust-1")):
        f = flag(ctx, "delete_recording", sweep=False)
        assert ctx.receipts.get(f.request_id).state == "pending"
        assert purge.sweep_due(ctx) == 0
    assert purge.sweep_due(ctx) == 1
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert ctx.store.list(purge.PENDING_PREFIX) == []


def test_a_customer_deletion_waits_for_writes_to_its_customers_calls(ctx, tmp_path):
    with ctx.write_intent(CallRef("c9", "cust-1")):
        f = flag(ctx, "delete_recording", scope="customer", subject="cust-1", sweep=False)
        assert ctx.receipts.get(f.request_id).state == "pending"
    with ctx.write_intent(CallRef("c9", "cust-2")):
        g = flag(ctx, "delete_recording", scope="customer", subject="cust-1", sweep=False)
        assert ctx.receipts.get(g.request_id).state == "completed"
    purge.sweep_due(ctx)
    assert ctx.receipts.get(f.request_id).state == "completed"


def test_the_final_sweep_removes_a_write_that_raced_the_first_pass(ctx, tmp_path):
    [ingested] = ingest.handle(land(ctx, tmp_path), ctx)
    # A transcriber that checked consent before the flag lands its write after the first pass.
    with ctx.write_intent(CallRef("c1", "cust-1")):
        f = flag(ctx, "delete_recording", scope="customer", subject="cust-1", sweep=False)
        ctx.store.put_bytes(keys.raw_transcript("c1"), b"{}")
        assert ctx.receipts.get(f.request_id).state == "pending"
    purge.sweep_due(ctx)
    assert ctx.store.list("calls/") == []
    receipt = ctx.receipts.get(f.request_id)
    assert receipt.state == "completed" and receipt.deleted["raw_transcript"] == 1
    assert transcribe.handle(ingested, ctx) == []


def test_a_dead_writers_intent_lapses_and_its_late_write_is_swept(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    intent = WriteIntent.new("c1", ctx.customer_tag("cust-1"), ctx.clock() + timedelta(seconds=5))
    ctx.intents.begin(intent)  # and the writer dies without clearing it
    f = flag(ctx, "delete_recording", sweep=False)
    ctx.store.put_bytes(keys.raw_transcript("c1"), b"{}")  # its write, landed before it died
    ctx.clock.advance(5)
    assert purge.sweep_due(ctx) == 0  # within the lease (and the allowed clock skew)
    ctx.clock.advance(ctx.lease_skew_s + 0.01)
    assert purge.sweep_due(ctx) == 1
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert ctx.store.list("calls/") == []


def test_a_deletion_that_finds_only_lapsed_intents_sweeps_once_more_and_completes(ctx, tmp_path):
    process(ctx, land(ctx, tmp_path))
    ctx.intents.begin(WriteIntent.new("c1", None, ctx.clock() - timedelta(seconds=60)))
    listed = []
    list_keys = ctx.store.list
    ctx.store.list = lambda prefix: listed.append(prefix) or list_keys(prefix)
    f = flag(ctx, "delete_recording", sweep=False)
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert listed.count(keys.call_prefix("c1")) == 2  # a pass, the lapse seen, one more pass


def test_a_writer_whose_lease_lapsed_before_its_write_does_not_write(ctx, tmp_path):
    from pipeline.intents import WriteLeaseLapsed

    def slow_fence():
        ctx.clock.advance(ctx.write_lease_s + 1)

    ctx.ledger.fence = slow_fence
    with pytest.raises(WriteLeaseLapsed):
        ctx.write_artifact(CallRef("c1"), keys.raw_transcript("c1"), b"{}")
    assert not ctx.store.exists(keys.raw_transcript("c1"))
    assert ctx.intents.active() == []


def test_a_customer_deletion_finds_a_landed_call_held_before_ingest_once_released(ctx, tmp_path):
    """Issue 10, defect 15: a call landed, a customer hold and deletion, then ingest refuses it
    (held) without indexing it; on release the deletion must still find the landing copy."""
    flag(ctx, "legal_hold", scope="customer", subject="cust-1", reason="audit")
    event = land_fenced(ctx, tmp_path)
    deletion = flag(ctx, "delete_recording", scope="customer", subject="cust-1")
    assert ctx.receipts.get(deletion.request_id).state == "held"
    assert ingest.handle(event, ctx) == []  # held: refused, nothing processed
    flag(ctx, "release_hold", scope="customer", subject="cust-1")
    assert ctx.receipts.get(deletion.request_id).state == "completed"
    assert ctx.store.list("calls/") == [] and ctx.store.list("customers/") == []


def land_fenced(ctx, tmp_path, call_id="c1", customer_id="cust-1"):
    """Land a recording the way the service does: under consent and a write intent."""
    wav = write_wav(tmp_path / f"{call_id}.wav")
    key = keys.original_audio(call_id, "wav")
    event = RecordingReceived(
        call_id=call_id,
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        customer_id=customer_id,
        started_at=ctx.clock(),
    )
    assert ingest.land(ctx, event, lambda: ctx.store.put_file(key, wav))
    return event


def test_a_deletion_for_a_call_not_yet_arrived_is_applied_when_it_arrives(ctx, tmp_path):
    f = flag(ctx, "delete_recording")
    assert ctx.receipts.get(f.request_id).state == "completed"
    assert process(ctx, land(ctx, tmp_path)) == []
    assert ctx.store.list("calls/") == [] and ctx.transcriber.calls == 0
    assert ctx.receipts.get(f.request_id).deleted == {"original_audio": 1}


def test_a_recording_landing_under_a_hold_after_its_deletion_is_deleted_on_release(ctx, tmp_path):
    deletion = flag(ctx, "do_not_record")
    assert ctx.receipts.get(deletion.request_id).state == "completed"  # nothing stored yet
    flag(ctx, "legal_hold", reason="audit")
    wav = write_wav(tmp_path / "c1.wav")
    key = keys.original_audio("c1", "wav")
    event = RecordingReceived(
        call_id="c1",
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        customer_id="cust-1",
        started_at=ctx.clock(),
    )
    assert not ingest.land(ctx, event, lambda: ctx.store.put_file(key, wav))  # kept, not queued
    receipt = ctx.receipts.get(deletion.request_id)
    assert receipt.state == "held" and receipt.held_reason == "audit"
    flag(ctx, "release_hold")
    assert ctx.receipts.get(deletion.request_id).state == "completed"
    assert ctx.store.list("calls/") == [] and ctx.store.list("customers/") == []
