"""Two `varsam run --once` processes on one data folder: every event is worked once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

AUDIO = ROOT / "tests" / "fixtures" / "audio" / "en-personal-number.flac"


def test_two_runners_together_transcribe_and_redact_a_call_exactly_once(tmp_path):
    env = dict(os.environ, VARSAM_DATA_DIR=str(tmp_path / "data"), VARSAM_ASR__MODEL="tiny.en")
    cli = [sys.executable, "-m", "workers.cli"]
    ingest = subprocess.run(
        [*cli, "ingest", str(AUDIO), "--call-id", "c1", "--customer-id", "cust-1"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0, ingest.stderr
    runners = [
        subprocess.Popen(
            [*cli, "run", "--once"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=600) for r in runners]
    for runner, (_out, err) in zip(runners, outputs, strict=True):
        assert runner.returncode == 0, err
    with sqlite3.connect(tmp_path / "data" / "varsam.db") as db:
        counts = dict(
            db.execute(
                "SELECT topic, COUNT(*) FROM events WHERE key = 'c1' GROUP BY topic"
            ).fetchall()
        )
    assert counts == {"recordings": 1, "ingested": 1, "transcribed": 1, "redacted": 1}
    handled = sum(int(out.split()[1]) for out, _ in outputs if out.startswith("handled"))
    assert handled == 3
