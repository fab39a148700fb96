"""The consent property test must catch the bugs it exists for: each mutant here breaks an
invariant, and the state machine of test_consent_invariants has to find the break.

(Issue 10's defect 15, a landing copy the customer index did not know of, needs too rare an
interleaving for 500 examples; test_stages checks it directly.)"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from pipeline.consent import CallRef
from pipeline.intents import WriteIntent, WriteLease
from pipeline.stages import purge
from pipeline.stages.context import StageContext
from tests.unit.test_consent_invariants import ConsentMachine, setup_module  # noqa: F401

# No shrinking: finding a failing interleaving is what is asserted, not its smallest form.
SEARCH = settings(
    max_examples=500,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    database=None,
)


def purge_waits_for_no_intent(monkeypatch) -> None:
    monkeypatch.setattr(purge, "_overlapping_intents", lambda ctx, flag, receipt: ([], []))


def writers_take_no_intent(monkeypatch) -> None:
    @contextmanager
    def unrecorded(self: StageContext, call: CallRef):
        intent = WriteIntent.new(call.call_id, None, self.clock() + _lease(self))
        yield WriteLease(self.intents, intent, self.write_lease_s, self.clock)

    monkeypatch.setattr(StageContext, "write_intent", unrecorded)


def _lease(ctx: StageContext):
    from datetime import timedelta

    return timedelta(seconds=ctx.write_lease_s)


@pytest.mark.parametrize(
    "mutate",
    [purge_waits_for_no_intent, writers_take_no_intent],
)
def test_the_consent_invariants_catch_the_mutant(monkeypatch, mutate):
    mutate(monkeypatch)
    with pytest.raises(AssertionError):
        run_state_machine_as_test(ConsentMachine, settings=SEARCH)
