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


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI run: the caller's own VARSAM_* settings left out, `extra` on top.

    A developer's VARSAM_BACKEND or VARSAM_CONFIG must not change what a test runs against.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("VARSAM_")}
    return {**env, **extra}


@pytest.fixture(scope="session")
def manifest() -> list[dict]:
    return json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def varsam(tmp_path):
    """Run the CLI as a user would, in its own data folder; returns the CompletedProcess."""
    data_dir = tmp_path / "data"

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        env = clean_env(VARSAM_DATA_DIR=str(data_dir))
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
