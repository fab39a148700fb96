"""Write leases renewed on a real SeaweedFS bucket: a deletion waits for an upload of any length."""

from __future__ import annotations

import pytest

from pipeline import keys
from pipeline.consent import InMemoryLedger
from pipeline.events import utcnow
from pipeline.intents import INTENT_PREFIX, StoreIntents
from tests.fakes import make_context
from tests.integration.test_s3_store import store_on
from tests.servers import SeaweedS3
from tests.unit.test_write_leases import (
    LEASE_S,
    race_a_deletion_with_a_slow_upload,
    swept_until_completed,
)
from workers.adapters.s3_store import S3ObjectStore

pytestmark = pytest.mark.integration


def test_a_deletion_on_s3_waits_for_a_write_that_outlives_its_lease(
    seaweed: SeaweedS3, s3_store: S3ObjectStore
) -> None:
    ledger = InMemoryLedger()  # the consent topic is not what this is about
    # A stage worker and a purge worker, each with its own S3 client on the one bucket.
    writer, purger = (
        make_context(
            store=store,
            ledger=ledger,
            intents=StoreIntents(store),
            clock=utcnow,
            write_lease_s=LEASE_S,
            lease_skew_s=0.05,
        )
        for store in (s3_store, store_on(seaweed, s3_store.bucket))
    )
    states_when_landed, written, request_id = race_a_deletion_with_a_slow_upload(writer, purger)
    assert states_when_landed == ["pending"]
    assert written is False
    assert swept_until_completed(purger, request_id)
    assert purger.store.list(keys.call_prefix("c1")) == []
    assert purger.store.list(INTENT_PREFIX) == []  # every renewal's old key deleted too
