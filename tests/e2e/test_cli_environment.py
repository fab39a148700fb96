"""CLI runs in tests see only the settings the test gives them, never the caller's VARSAM_*."""

from __future__ import annotations


def test_cli_runs_ignore_the_callers_varsam_settings(varsam, monkeypatch) -> None:
    # Leaked into the run, this value would make every command fail to load its settings.
    monkeypatch.setenv("VARSAM_KAFKA__PARTITIONS", "notanint")
    monkeypatch.setenv("VARSAM_BACKEND", "kafka")
    result = varsam("status", "--call-id", "never-ingested")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: unknown call id"
