"""Settings refuse values the code cannot use when they load, never mid-run."""

from __future__ import annotations

import pytest

from config.settings import InvalidConfig, load_settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("VARSAM_KAFKA__PARTITIONS", "0"),
        ("VARSAM_KAFKA__REPLICATION_FACTOR", "-1"),
        ("VARSAM_KAFKA__RETRY_BACKOFF_S", "0"),
        ("VARSAM_KAFKA__RETRY_BACKOFF_S", "nan"),
        ("VARSAM_KAFKA__RETRY_BACKOFF_S", "60"),  # above the 30 s cap
        ("VARSAM_KAFKA__RETRY_BACKOFF_MAX_S", "inf"),
        ("VARSAM_KAFKA__SESSION_TIMEOUT_MS", "0"),
        ("VARSAM_CONSENT__WRITE_LEASE_S", "-5"),
        ("VARSAM_CONSENT__WRITE_LEASE_S", "inf"),
        ("VARSAM_RETENTION__INTERVAL_S", "0"),
        ("VARSAM_RETENTION__LANDING_AUDIO_DAYS", "-1"),
        ("VARSAM_ASR__BEAM_SIZE", "0"),
        ("VARSAM_REDACTION__CUSTOMER_ID_PATTERNS", '["CID-(\\\\d+"]'),
        ("VARSAM_REDACTION__CHUNK_CHARS", "2000000"),
        ("VARSAM_S3__MAX_REFUSED_ATTEMPTS", "0"),
    ],
)
def test_an_unusable_value_is_refused_when_the_settings_load(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidConfig):
        load_settings()


def test_usable_values_load(monkeypatch):
    monkeypatch.setenv("VARSAM_REDACTION__CUSTOMER_ID_PATTERNS", '["CID-\\\\d{6}"]')
    monkeypatch.setenv("VARSAM_RETENTION__RAW_TRANSCRIPT_DAYS", "0")
    settings = load_settings()
    assert settings.redaction.customer_id_patterns == ["CID-\\d{6}"]
    assert settings.retention.raw_transcript_days == 0
