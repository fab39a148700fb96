"""Which flags apply to a call, and what the folded state allows."""

from __future__ import annotations

from datetime import timedelta

from pipeline.consent import CallRef, applies_to, evaluate
from pipeline.events import ConsentFlag, utcnow

NOW = utcnow()


def flag(kind, scope="call", subject="c1", at=NOW, reason=None, rid=None):
    return ConsentFlag(
        request_id=rid or f"req-{kind}-{scope}-{at.timestamp()}",
        kind=kind,
        scope=scope,
        subject_id=subject,
        accepted_at=at,
        reason=reason,
    )


CALL = CallRef("c1", "cust-1", NOW - timedelta(minutes=5))


def test_a_fresh_call_may_be_processed_and_exported():
    state = evaluate([], CALL)
    assert state.may_process and state.may_export and not state.must_purge


def test_do_not_record_forbids_everything_and_purges():
    state = evaluate([flag("do_not_record")], CALL)
    assert not state.may_process and not state.may_export and state.must_purge


def test_customer_deletion_covers_calls_that_started_before_it_only():
    deletion = flag("delete_recording", "customer", "cust-1")
    assert applies_to(deletion, CALL)
    later = CallRef("c2", "cust-1", NOW + timedelta(seconds=1))
    assert not applies_to(deletion, later)


def test_flags_of_another_call_or_customer_do_not_apply():
    assert evaluate([flag("do_not_record", subject="c2")], CALL).may_process
    assert evaluate([flag("delete_recording", "customer", "cust-2")], CALL).may_process


def test_restriction_keeps_the_call_but_not_in_exports():
    state = evaluate([flag("restrict_training", "customer", "cust-1")], CALL)
    assert state.may_process and not state.may_export and not state.must_purge


def test_a_hold_makes_a_deletion_wait_and_a_release_lets_it_run():
    hold = flag("legal_hold", "customer", "cust-1", at=NOW, reason="audit 2026")
    delete = flag("delete_recording", at=NOW + timedelta(seconds=1))
    held = evaluate([hold, delete], CALL)
    assert held.held and held.hold_reason == "audit 2026"
    assert not held.must_purge and not held.may_export and not held.may_process
    release = flag("release_hold", "customer", "cust-1", at=NOW + timedelta(seconds=2))
    assert evaluate([hold, delete, release], CALL).must_purge


def test_a_release_only_lifts_the_hold_of_its_own_subject():
    holds = [
        flag("legal_hold", "call", reason="a"),
        flag("legal_hold", "customer", "cust-1", reason="b"),
    ]
    release = flag("release_hold", "call", at=NOW + timedelta(seconds=1))
    assert evaluate([*holds, release], CALL).hold_reason == "b"


def test_flags_fold_in_acceptance_order_whatever_order_they_are_read_in():
    hold = flag("legal_hold", at=NOW, reason="x")
    release = flag("release_hold", at=NOW + timedelta(seconds=1))
    assert not evaluate([release, hold], CALL).held
