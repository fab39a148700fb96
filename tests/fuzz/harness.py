"""Runs a fuzz target under a Hypothesis profile, saves what crashes it, and counts examples.

Two profiles: `fuzz-short` (the default; seconds per target, part of `make test`) and
`fuzz-long` (scripts/fuzz.sh). FUZZ_PROFILE picks one; FUZZ_SECONDS gives each target a time
budget, spent in rounds of the profile's examples, each round from a fresh random seed.
A failing input (Hypothesis' shrunk one) is written to tests/fixtures/fuzz/<target>/, where
the normal test run replays it from then on. FUZZ_REPORT names a JSON-lines file that gets
one line per target: examples tried, rounds, seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fuzz"

# The short profile is derandomized, so that `make test` tries the same inputs every time;
# the long one explores from a fresh seed each round.
settings.register_profile(
    "fuzz-short",
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    max_examples=1_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Target:
    """One fuzz target: a strategy of inputs, the check each must pass, and how to save one.

    `check` raises AssertionError (or anything else) on a defect. `dump` turns an input into
    (bytes, file suffix) for the regression folder; `load` reads one back.
    """

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    dump: Callable[[Any], tuple[bytes, str]]
    load: Callable[[Path], Any]

    @property
    def folder(self) -> Path:
        return FIXTURES / self.name

    def saved(self) -> list[Path]:
        """Inputs that once failed this target, to replay."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.is_file() and p.name != "README.md")

    def save(self, value: Any) -> Path:
        """Write a failing input; named by its hash, so a repeat overwrites itself."""
        data, suffix = self.dump(value)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        path.write_bytes(data)
        return path


def run(target: Target) -> int:
    """Fuzz `target` under the chosen profile and budget; return the examples tried."""
    profile = settings.get_profile(os.environ.get("FUZZ_PROFILE", "fuzz-short"))
    budget_s = float(os.environ.get("FUZZ_SECONDS", "0"))
    tried = 0
    failing: list[Any] = []

    @settings(profile)
    @given(target.strategy)
    def fuzz(value: Any) -> None:
        nonlocal tried
        tried += 1
        try:
            target.check(value)
        except BaseException:
            failing.append(value)
            raise

    started = time.monotonic()
    rounds = 0
    while True:
        try:
            fuzz()
        except BaseException:
            # Hypothesis replays the shrunk example last, just before it raises.
            if failing:
                print(f"fuzz {target.name}: saved {target.save(failing[-1])}")
            raise
        rounds += 1
        if time.monotonic() - started >= budget_s:
            break
    _report(target.name, tried, rounds, time.monotonic() - started)
    return tried


def _report(name: str, tried: int, rounds: int, seconds: float) -> None:
    line = {"target": name, "examples": tried, "rounds": rounds, "seconds": round(seconds, 1)}
    print(f"fuzz {name}: {tried} examples in {rounds} rounds, {seconds:.0f} s")
    report = os.environ.get("FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")


def dump_bytes(value: bytes) -> tuple[bytes, str]:
    return value, ".bin"


def load_bytes(path: Path) -> bytes:
    return path.read_bytes()
