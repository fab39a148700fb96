"""Runners sharing a data folder: one runner takes each event; deleted calls leave no rows."""

from __future__ import annotations

import threading
import time

import pytest

from config.settings import load_settings
from pipeline import events
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.adapters.sqlite_queue import SqliteQueue
from workers.runners.embedded import Embedded


def _runner(data_dir, transcriber=None, **settings) -> Embedded:
    return Embedded(
        load_settings(data_dir=data_dir, **settings),
        transcriber_factory=lambda: transcriber or ScriptedTranscriber(),
        analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
    )


def _rows(e: Embedded, topic: str, key: str) -> int:
    return e.conn.execute(
        "SELECT COUNT(*) FROM events WHERE topic = ? AND key = ?", (topic, key)
    ).fetchone()[0]


def test_two_runners_on_one_data_folder_transcribe_and_redact_a_call_once(tmp_path):
    data = tmp_path / "data"
    slow = ScriptedTranscriber()
    slow.during = lambda: time.sleep(0.3)  # both runners are busy at once
    runners = [_runner(data, slow), _runner(data, slow)]
    runners[0].ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    runners[0].ingest(write_wav(tmp_path / "b.wav"), call_id="c2")
    start = threading.Barrier(2)
    reports = [None, None]

    def work(i: int) -> None:
        start.wait()
        reports[i] = runners[i].run()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    e = runners[0]
    for call_id in ("c1", "c2"):
        assert _rows(e, events.INGESTED, call_id) == 1
        assert _rows(e, events.TRANSCRIBED, call_id) == 1
        assert _rows(e, events.REDACTED, call_id) == 1
        assert e.status(call_id)["state"] == "redacted"
    assert slow.calls == 2
    assert sum(r.handled for r in reports) == 6 and all(r.failed == 0 for r in reports)
    for r in runners:
        r.close()


def test_an_event_claimed_by_a_live_runner_is_not_taken_by_another(tmp_path):
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    other = SqliteQueue(e.conn, owner="other-host:1:x", lease_s=60)
    claimed = other.claim_next((events.RECORDINGS,), set())
    assert claimed is not None
    assert e.queue.claim_next((events.RECORDINGS,), set()) is None
    assert e.run().handled == 0
    e.close()


def test_an_expired_claim_is_taken_over_and_the_late_owner_publishes_nothing(tmp_path):
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    late = SqliteQueue(e.conn, owner="other-host:1:x", lease_s=0.01)
    claimed = late.claim_next((events.RECORDINGS,), set())
    time.sleep(0.05)
    assert e.run().handled == 3
    assert late.settle(claimed.seq, [(events.INGESTED, None)]) is False
    assert _rows(e, events.INGESTED, "c1") == 1
    e.close()


def test_the_claim_of_a_runner_that_died_on_this_host_is_taken_at_once(tmp_path):
    import socket
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    owner = f"{socket.gethostname()}:{dead.stdout.strip()}:x"
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    SqliteQueue(e.conn, owner=owner, lease_s=3600).claim_next((events.RECORDINGS,), set())
    assert e.run().handled == 3
    e.close()


def test_a_failed_event_is_given_back_for_the_next_run(tmp_path):
    transcriber = ScriptedTranscriber()
    failures = iter([RuntimeError("model crashed")])

    def flaky():
        if (exc := next(failures, None)) is not None:
            raise exc

    transcriber.during = flaky
    e = _runner(tmp_path / "data", transcriber)
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    first = e.run()
    assert first.retried == 1 and first.failed_calls == ["c1"]
    assert e.run().handled == 2
    assert e.status("c1")["state"] == "redacted"
    e.close()


@pytest.fixture
def deleted(tmp_path):
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    e.ingest(write_wav(tmp_path / "b.wav"), call_id="c2", customer_id="cust-2")
    e.run()
    flag = e.flag("delete_recording", call_id="c1")
    yield e, flag
    e.close()


def test_a_redacted_call_has_no_events_pending(tmp_path):
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    e.run()
    assert e.status("c1")["pending_events"] == 0
    assert _rows(e, events.REDACTED, "c1") == 1
    e.close()


def test_a_completed_deletion_leaves_no_queue_rows_linking_the_call(deleted):
    e, flag = deleted
    # No later command is needed: the deletion request itself leaves the queue clean.
    rows = e.conn.execute(
        "SELECT topic, key FROM events WHERE key LIKE '%c1%' OR payload LIKE '%cust-1%'"
    ).fetchall()
    assert rows == []
    assert e.receipt(flag.request_id).state == "completed"
    # Other calls keep their history.
    assert _rows(e, events.TRANSCRIBED, "c2") == 1
    assert e.queue.pending() == 0


def test_status_of_a_deleted_call_shows_nothing_pending(deleted):
    e, flag = deleted
    e.receipt(flag.request_id)
    status = e.status("c1")
    assert (status["state"], status["pending_events"], status["artifacts"]) == ("deleted", 0, [])


def test_a_held_deletion_keeps_the_rows_until_it_completes(tmp_path):
    e = _runner(tmp_path / "data")
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    e.run()
    e.flag("legal_hold", call_id="c1", reason="bookkeeping act")
    flag = e.flag("delete_recording", call_id="c1")
    assert e.receipt(flag.request_id).state == "held"
    assert _rows(e, events.TRANSCRIBED, "c1") == 1
    e.flag("release_hold", call_id="c1")
    e.run()
    assert e.receipt(flag.request_id).state == "completed"
    assert _rows(e, events.TRANSCRIBED, "c1") == 0
    e.close()


def test_a_flag_is_carried_out_by_the_process_that_accepted_it_not_by_a_busy_runner(tmp_path):
    data = tmp_path / "data"
    accepting, runner = _runner(data), _runner(data)
    accepting.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    taken_by_runner = []
    carry_out = accepting.after_flag

    def after_flag() -> None:
        # Published, not yet carried out: a runner looking for work now does not take it
        taken_by_runner.append(runner.queue.claim_next((events.CONSENT,), set()))
        carry_out()

    accepting.after_flag = after_flag
    flag = accepting.flag("delete_recording", call_id="c1")
    assert taken_by_runner == [None]
    assert accepting.receipt(flag.request_id).state == "completed"
    assert accepting.queue.pending_on((events.CONSENT,)) == 0
    accepting.close()
    runner.close()


def test_a_flag_whose_acceptor_died_before_carrying_it_out_is_taken_over(tmp_path):
    import socket
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    data = tmp_path / "data"
    runner = _runner(data)
    runner.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    runner.run()
    gone = _runner(data)
    gone.queue.owner = f"{socket.gethostname()}:{dead.stdout.strip()}:x"
    gone.after_flag = lambda: None  # it died before carrying the flag out
    flag = gone.flag("delete_recording", call_id="c1")
    assert runner.queue.pending_on((events.CONSENT,)) == 1
    runner.run(topics=(events.CONSENT,))
    assert runner.queue.pending_on((events.CONSENT,)) == 0
    assert runner.receipt(flag.request_id).state == "completed"
    gone.close()
    runner.close()
