"""The speech evaluation's transcript cache: a key changes exactly when the hearing may."""

from __future__ import annotations

from config.settings import AsrSettings
from workers.speech_eval import TranscriptCache

AUDIO = b"RIFF....WAVEfmt "
VERSIONS = {"faster_whisper": "1.2.1", "ctranslate2": "4.8.5"}


def key(tmp_path, seconds: float, **asr: object) -> str:
    cache = TranscriptCache(tmp_path, AsrSettings(**asr), VERSIONS)
    return cache.key(AUDIO, False, "en", seconds)


def test_batching_settings_leave_a_call_transcribed_whole_in_the_cache(tmp_path):
    short = 10.0
    assert key(tmp_path, short, batch_size=1) == key(tmp_path, short, batch_size=16)
    assert key(tmp_path, short, window_s=60) == key(tmp_path, short, window_s=600)
    assert key(tmp_path, short, cpu_threads=1) == key(tmp_path, short, cpu_threads=4)


def test_batching_settings_change_the_key_of_a_call_heard_in_windows(tmp_path):
    long = 600.0
    assert key(tmp_path, long, batch_size=1) != key(tmp_path, long, batch_size=16)
    assert key(tmp_path, long, window_s=60) != key(tmp_path, long, window_s=600)


def test_crossing_the_threshold_or_changing_the_decoding_changes_the_key(tmp_path):
    assert key(tmp_path, 30.0, sequential_max_s=20) != key(tmp_path, 30.0, sequential_max_s=40)
    assert key(tmp_path, 10.0, beam_size=5) != key(tmp_path, 10.0, beam_size=1)
    assert key(tmp_path, 10.0, model="base") != key(tmp_path, 10.0, model="tiny.en")
    cache = TranscriptCache(tmp_path, AsrSettings(), VERSIONS)
    assert cache.key(AUDIO, False, "en", 10.0) != cache.key(AUDIO, True, "en", 10.0)
    assert cache.key(AUDIO, False, "en", 10.0) != cache.key(AUDIO + b"x", False, "en", 10.0)
