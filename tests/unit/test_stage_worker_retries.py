"""A stage worker's retries: outages waited out, refusals and failures bounded, poison at once."""

from __future__ import annotations

from pipeline.errors import UndecodableAudio
from pipeline.storage import StoreUnavailable
from workers.adapters.kafka_bus import BusUnavailable
from workers.runners.stage_worker import MAX_ATTEMPTS, Attempts


def test_access_denied_is_dead_lettered_after_the_configured_attempts():
    attempts = Attempts(max_refused=4)
    denied = StoreUnavailable(
        "put s3://b/k: access denied (AccessDenied)", reason="store_access_denied"
    )
    assert [attempts.dead_letter_reason(denied) for _ in range(4)] == [
        None,
        None,
        None,
        "store_access_denied",
    ]


def test_every_lasting_refusal_is_bounded_but_an_outage_is_waited_out():
    for reason in ("store_access_denied", "store_bucket_missing", "store_error"):
        attempts = Attempts(max_refused=2)
        refusal = StoreUnavailable("refused", reason=reason)
        assert attempts.dead_letter_reason(refusal) is None
        assert attempts.dead_letter_reason(refusal) == reason
    attempts = Attempts(max_refused=2)
    for _ in range(1_000):
        assert attempts.dead_letter_reason(StoreUnavailable("no answer")) is None
        assert attempts.dead_letter_reason(BusUnavailable("no broker")) is None
        assert attempts.dead_letter_reason(ConnectionError()) is None


def test_poison_is_dead_lettered_at_once_and_a_bug_after_a_few_tries():
    attempts = Attempts(max_refused=5)
    assert attempts.dead_letter_reason(UndecodableAudio("bad")) == "undecodable_audio"
    reasons = [attempts.dead_letter_reason(KeyError("x")) for _ in range(MAX_ATTEMPTS)]
    assert reasons == [None] * (MAX_ATTEMPTS - 1) + ["internal_error"]
