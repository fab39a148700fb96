"""Shared fixtures: the sample calls, and a way to run the real `varsam` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def manifest() -> list[dict]:
    return json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def varsam(tmp_path):
    """Run the CLI as a user would, in its own data folder; returns the CompletedProcess."""
    data_dir = tmp_path / "data"

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, VARSAM_DATA_DIR=str(data_dir))
        return subprocess.run(
            [sys.executable, "-m", "workers.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=600,
        )

    run.data_dir = data_dir
    return run
