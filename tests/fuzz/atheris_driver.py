"""Coverage-guided fuzzing (atheris, libFuzzer) of the byte-input targets, beside Hypothesis.

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python -m tests.fuzz.atheris_driver events CORPUS_DIR -max_total_time=300

Targets: events, jsonl_lines, ids, audio_probe (the first byte picks the format's seed, the
rest is spliced over its header). Each input is checked by the same contract as the Hypothesis
target (tests/fuzz/targets.py); a failing one is saved under tests/fixtures/fuzz/<target>/,
where the normal test run replays it. libFuzzer's own flags follow the target name.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import atheris

# The modules whose branches guide each target. They are imported (instrumented) before
# anything else loads them; the rest (spaCy, hypothesis) stays uninstrumented and fast.
INSTRUMENTED = {
    "events": ["pipeline.events"],
    "jsonl_lines": ["workers.cli.redact_lines"],
    "ids": ["pipeline.ids", "pipeline.keys"],
    "audio_probe": ["pipeline.audio"],
}


def _audio(data: bytes) -> tuple[str, bytes]:
    from tests.fuzz.targets import AUDIO_SEEDS

    if not data:
        return "wav", b""
    seed = AUDIO_SEEDS[data[0] % len(AUDIO_SEEDS)]
    body = seed.read_bytes()
    patch = data[1:]
    return seed.suffix.lstrip("."), patch + body[len(patch) :]


CONVERT: dict[str, Callable[[bytes], Any]] = {
    "events": lambda data: data,
    "jsonl_lines": lambda data: data,
    "ids": lambda data: data.decode("utf-8", "surrogateescape"),
    "audio_probe": _audio,
}


def main() -> None:
    """Fuzz the target named first on the command line."""
    name = sys.argv[1]
    with atheris.instrument_imports():
        for module in INSTRUMENTED[name]:
            importlib.import_module(module)
    from tests.fuzz.targets import TARGETS, analyzer

    target, convert = TARGETS[name], CONVERT[name]
    if name == "jsonl_lines":
        analyzer()  # load spaCy before the first input

    def one_input(data: bytes) -> None:
        value = convert(data)
        try:
            target.check(value)
        except Exception:
            print(f"fuzz {name}: saved {target.save(value)}", file=sys.stderr)
            raise

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
