"""Fuzz every target for a few seconds (scripts/fuzz.sh runs them long), and replay past crashes."""

from __future__ import annotations

import pytest

from tests.fuzz.harness import run
from tests.fuzz.targets import AUDIO_SEEDS, TARGETS

SAVED = [(name, path) for name, target in TARGETS.items() for path in target.saved()]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target_keeps_its_contract(name: str) -> None:
    assert run(TARGETS[name]) > 0


@pytest.mark.parametrize(
    ("name", "path"), SAVED, ids=[f"{name}/{path.name}" for name, path in SAVED]
)
def test_saved_fuzz_input_keeps_its_contract(name: str, path) -> None:
    target = TARGETS[name]
    target.check(target.load(path))


def test_every_audio_format_has_a_seed_that_probes_cleanly() -> None:
    from pipeline.audio import probe_audio

    assert sorted(p.suffix for p in AUDIO_SEEDS) == [".flac", ".m4a", ".mp3", ".ogg", ".wav"]
    for seed in AUDIO_SEEDS:
        assert probe_audio(seed).duration_s > 0.25
