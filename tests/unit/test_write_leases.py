"""Write leases renewed while the write runs: a deletion waits for an upload of any length."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline import keys
from pipeline.calls import landing_key
from pipeline.consent import CallRef, InMemoryLedger
from pipeline.events import ConsentFlag, RecordingReceived, utcnow
from pipeline.ids import new_request_id
from pipeline.intents import (
    GC_AFTER,
    InMemoryIntents,
    StoreIntents,
    WriteIntent,
    WriteLeaseLapsed,
)
from pipeline.stages import ingest, purge
from pipeline.stages.context import StageContext
from pipeline.storage import StoreUnavailable
from tests.fakes import FakeClock, make_context
from workers.adapters.local_store import LocalFolderStore
from workers.adapters.sqlite_db import connect
from workers.adapters.sqlite_intents import SqliteIntents
from workers.adapters.sqlite_ledger import SqliteLedger

LEASE_S = 0.5
UPLOAD_S = 1.6  # more than three leases


class SlowUpload:
    """An object store whose upload of one key takes `seconds` after `proceed` is set, and
    lands at the end; it says when the upload starts and runs `landed` right after the object
    is stored."""

    def __init__(self, store, key: str, seconds: float, landed: Callable[[], None] = lambda: None):
        self.store, self.key, self.seconds, self.landed = store, key, seconds, landed
        self.started, self.proceed = threading.Event(), threading.Event()
        self.proceed.set()

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def put_bytes(self, key: str, data: bytes) -> None:
        if key != self.key:
            self.store.put_bytes(key, data)
            return
        self.started.set()
        assert self.proceed.wait(30)
        time.sleep(self.seconds)
        self.store.put_bytes(key, data)
        self.landed()


def embedded(tmp_path: Path) -> tuple[StageContext, StageContext]:
    """A worker and a CLI purge: one folder, one SQLite file, a connection each."""
    store = LocalFolderStore(tmp_path / "objects")

    def process() -> StageContext:
        conn = connect(tmp_path / "varsam.db")
        return make_context(
            store=store,
            ledger=SqliteLedger(conn),
            intents=SqliteIntents(conn),
            clock=utcnow,
            write_lease_s=LEASE_S,
            lease_skew_s=0.0,
        )

    return process(), process()


def distributed(tmp_path: Path) -> tuple[StageContext, StageContext]:
    """A stage worker and a purge worker: intents as objects in the shared bucket."""
    bucket, ledger = LocalFolderStore(tmp_path / "bucket"), InMemoryLedger()

    def worker() -> StageContext:
        return make_context(
            store=bucket,
            ledger=ledger,
            intents=StoreIntents(bucket),
            clock=utcnow,
            write_lease_s=LEASE_S,
            lease_skew_s=0.05,
        )

    return worker(), worker()


def delete_call(ctx: StageContext, call_id: str) -> ConsentFlag:
    flag = ConsentFlag(
        request_id=new_request_id(),
        kind="delete_recording",
        scope="call",
        subject_id=call_id,
        accepted_at=ctx.clock(),
    )
    purge.accept_flag(ctx, flag)
    purge.handle(flag, ctx)
    return flag


def race_a_deletion_with_a_slow_upload(
    writer: StageContext, purger: StageContext
) -> tuple[list[str], object, str]:
    """Start an upload, accept a deletion of its call while it runs, let the upload go on for
    UPLOAD_S more, and sweep until the writer is done; return the receipt's states the moment
    the upload landed, what write_artifact returned, and the request id."""
    key = keys.raw_transcript("c1")
    requests: list[str] = []
    states_when_landed: list[str] = []
    upload = SlowUpload(
        writer.store,
        key,
        UPLOAD_S,
        landed=lambda: states_when_landed.append(purger.receipts.get(requests[0]).state),
    )
    upload.proceed.clear()
    writer.store = upload
    done: dict[str, object] = {}
    call = CallRef("c1", "cust-1")
    thread = threading.Thread(
        target=lambda: done.update(written=writer.write_artifact(call, key, b"{}"))
    )
    thread.start()
    assert upload.started.wait(10)
    # The deletion comes while the upload runs; its purge worker sweeps as often as it can.
    requests.append(delete_call(purger, "c1").request_id)
    upload.proceed.set()
    while thread.is_alive():
        purge.sweep_due(purger)
        time.sleep(0.02)
    thread.join()
    return states_when_landed, done.get("written"), requests[0]


def swept_until_completed(purger: StageContext, request_id: str, timeout_s: float = 10) -> bool:
    """Run the purge's sweep until the deletion's receipt says completed; False on timeout."""
    give_up = time.monotonic() + timeout_s
    while purger.receipts.get(request_id).state != "completed":
        if time.monotonic() > give_up:
            return False
        purge.sweep_due(purger)
        time.sleep(0.02)
    return True


@pytest.mark.parametrize("deployment", [embedded, distributed])
def test_a_deletion_waits_for_a_write_that_outlives_its_lease(deployment, tmp_path):
    writer, purger = deployment(tmp_path)
    states_when_landed, written, request_id = race_a_deletion_with_a_slow_upload(writer, purger)
    # The upload landed while the deletion still waited for it, and the post-write check
    # (which sees the flag) took it away again.
    assert states_when_landed == ["pending"]
    assert written is False
    assert swept_until_completed(purger, request_id)
    assert purger.store.list(keys.call_prefix("c1")) == []
    assert purger.intents.active() == []


def test_the_race_catches_a_lease_that_is_never_renewed(monkeypatch, tmp_path):
    """The test above can fail: without the heartbeat, the deletion completes mid-upload."""
    monkeypatch.setattr("pipeline.intents.WriteLease.start", lambda self: None)
    writer, purger = distributed(tmp_path)
    assert race_a_deletion_with_a_slow_upload(writer, purger)[0] == ["completed"]


class RefusedRenewals(InMemoryIntents):
    """Intents in a store that goes down once the intent is recorded."""

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        raise StoreUnavailable("the object store cannot be reached")


def test_a_write_that_outlived_a_lease_it_could_not_renew_is_undone_and_retried():
    ctx = make_context(clock=utcnow, intents=RefusedRenewals(), write_lease_s=0.3)
    key = keys.raw_transcript("c1")
    ctx.store = SlowUpload(ctx.store, key, 0.8)
    with pytest.raises(WriteLeaseLapsed):
        ctx.write_artifact(CallRef("c1", "cust-1"), key, b"{}")
    assert not ctx.store.exists(key)
    assert ctx.intents.active() == []


def test_a_landing_upload_its_lease_did_not_cover_is_deleted_and_the_call_stays_findable():
    ctx = make_context(clock=utcnow, intents=RefusedRenewals(), write_lease_s=0.3)
    key = keys.original_audio("c1", "wav")
    event = RecordingReceived(
        call_id="c1",
        audio_key=key,
        audio_sha256="0" * 64,
        size_bytes=4,
        customer_id="cust-1",
        started_at=ctx.clock(),
    )
    ctx.store = SlowUpload(ctx.store, key, 0.8)
    with pytest.raises(WriteLeaseLapsed):
        ingest.land(ctx, event, lambda: ctx.store.put_bytes(key, b"RIFF"))
    assert not ctx.store.exists(key)
    # What is known of the call stays, so that a deletion finds it (the client retries).
    assert ctx.store.exists(landing_key("c1"))
    assert ctx.store.exists(keys.customer_index("cust-1", "c1"))


class SlowRenewals(InMemoryIntents):
    """Renewals that take `seconds` of the (fake) clock to be recorded, for a writer that is
    `into_lease` seconds into its lease by the first beat."""

    def __init__(self, clock: FakeClock, into_lease: float, seconds: float) -> None:
        super().__init__()
        self.clock, self.into_lease, self.seconds = clock, into_lease, seconds
        self.renewed = threading.Event()

    def begin(self, intent: WriteIntent) -> None:
        super().begin(intent)
        self.clock.advance(self.into_lease)

    def renew(self, old: WriteIntent, new: WriteIntent) -> None:
        self.clock.advance(self.seconds)
        super().renew(old, new)
        self.renewed.set()


def test_a_renewal_recorded_after_the_expiry_it_extends_does_not_keep_the_lease():
    ctx = make_context(write_lease_s=0.6)
    ctx.intents = SlowRenewals(ctx.clock, into_lease=0.4, seconds=0.3)
    with ctx.write_intent(CallRef("c1")) as lease:
        assert ctx.intents.renewed.wait(10)
        # Asked for at 0.4 s, recorded at 0.7 s, after the old expiry at 0.6 s, with a new one
        # at 1.0 s: a purge may have seen the lease lapse in between, so it is lost all the same.
        assert lease.intent.expires_at == ctx.clock() + timedelta(seconds=0.3)
        with pytest.raises(WriteLeaseLapsed):
            ctx.check_lease(lease)
    assert ctx.intents.active() == []


@pytest.mark.parametrize("writer_clears_it", [False, True])
def test_a_deletion_that_relied_on_a_lapse_sweeps_the_late_write_once_the_intent_is_gone(
    writer_clears_it,
):
    ctx = make_context()
    tag = ctx.customer_tag("cust-1")
    intent = WriteIntent.new("c1", tag, ctx.clock() + timedelta(seconds=ctx.write_lease_s))
    ctx.intents.begin(intent)  # a writer that then froze in the middle of its upload
    flag = delete_call(ctx, "c1")
    ctx.clock.advance(ctx.write_lease_s + ctx.lease_skew_s + 0.01)
    assert purge.sweep_due(ctx) == 1
    assert ctx.receipts.get(flag.request_id).state == "completed"
    # The frozen writer's upload lands after the receipt said completed, and it dies.
    ctx.store.put_bytes(keys.raw_transcript("c1"), b"{}")
    purge.sweep_due(ctx)
    assert ctx.store.exists(keys.raw_transcript("c1"))  # its intent is still recorded
    if writer_clears_it:
        ctx.intents.end(intent)
    else:
        ctx.clock.advance(GC_AFTER.total_seconds())
        purge.sweep_due(ctx)  # clears the dead writer's intent away
    purge.sweep_due(ctx)
    assert ctx.store.list(keys.call_prefix("c1")) == []
    assert ctx.store.list(purge.LATE_PREFIX) == []
    receipt = ctx.receipts.get(flag.request_id)
    assert receipt.state == "completed" and receipt.deleted["raw_transcript"] == 1


def test_a_late_write_to_a_call_held_since_its_deletion_waits_for_the_release():
    ctx = make_context()
    intent = WriteIntent.new("c1", None, ctx.clock() + timedelta(seconds=ctx.write_lease_s))
    ctx.intents.begin(intent)
    flag = delete_call(ctx, "c1")
    ctx.clock.advance(ctx.write_lease_s + ctx.lease_skew_s + 0.01)
    purge.sweep_due(ctx)
    ctx.store.put_bytes(keys.raw_transcript("c1"), b"{}")  # lands late
    hold = ConsentFlag(
        request_id=new_request_id(),
        kind="legal_hold",
        scope="call",
        subject_id="c1",
        accepted_at=ctx.clock(),
        reason="audit",
    )
    purge.accept_flag(ctx, hold)
    ctx.intents.end(intent)  # its writer thawed, and died before it could undo the write
    purge.sweep_due(ctx)
    # The hold keeps what is there, and the receipt says so until the release.
    assert ctx.store.exists(keys.raw_transcript("c1"))
    assert ctx.receipts.get(flag.request_id).state == "held"
    release = ConsentFlag(
        request_id=new_request_id(),
        kind="release_hold",
        scope="call",
        subject_id="c1",
        accepted_at=ctx.clock(),
    )
    purge.accept_flag(ctx, release)
    purge.handle(release, ctx)
    assert ctx.store.list(keys.call_prefix("c1")) == []
    assert ctx.receipts.get(flag.request_id).state == "completed"
