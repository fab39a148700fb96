"""Audio redaction on generated audio: entity time becomes a 1 kHz tone or zeros, rest intact."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from pipeline.audio_redaction import (
    SAMPLE_RATE,
    AudioRedaction,
    Interval,
    cover_samples,
    entity_intervals,
    merge_intervals,
    redact_audio,
)
from pipeline.errors import UndecodableAudio

BLEEP = AudioRedaction(mode="bleep", padding_s=0.0)
SILENCE = AudioRedaction(mode="silence", padding_s=0.0)


def voice_like(seconds: float, rate: int = SAMPLE_RATE, seed: int = 0) -> np.ndarray:
    """Harmonics of a wandering pitch with noise: speech-like enough, and never a pure tone."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    pitch = 140 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    signal = sum(np.sin(k * phase) / k for k in range(1, 6)) * (0.5 + 0.5 * np.sin(3 * t))
    signal = 0.3 * signal / np.max(np.abs(signal)) + 0.01 * rng.standard_normal(len(t))
    return np.round(signal * 32767).astype(np.int16)


def write(path: Path, channels: list[np.ndarray], rate: int = SAMPLE_RATE) -> Path:
    frames = np.stack(channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.astype("<i2").tobytes())
    return path


def read(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return data.reshape(-1, w.getnchannels()), w.getframerate()


def at(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def document(*segments: tuple[str, int, list[tuple[float, float]]]) -> dict:
    return {
        "segments": [
            {
                "speaker": speaker,
                "channel": channel,
                "entities": [{"type": "PHONE", "t_start": a, "t_end": b} for a, b in times],
            }
            for speaker, channel, times in segments
        ]
    }


def test_bleeped_interval_is_a_1khz_tone_and_the_rest_is_unchanged(tmp_path) -> None:
    voice = voice_like(3.0)
    source = write(tmp_path / "in.wav", [voice])
    result = redact_audio(source, tmp_path / "out.wav", [Interval(1.0, 1.5)], BLEEP)
    out, rate = read(tmp_path / "out.wav")
    assert rate == SAMPLE_RATE and out.shape == (len(voice), 1)
    assert np.array_equal(out[at(1.0) : at(1.5), 0], cover_samples(at(1.0), at(1.5), BLEEP))
    assert np.array_equal(out[: at(1.0), 0], voice[: at(1.0)])
    assert np.array_equal(out[at(1.5) :, 0], voice[at(1.5) :])
    spectrum = np.abs(np.fft.rfft(out[at(1.0) : at(1.5), 0].astype(float)))
    peak_hz = np.argmax(spectrum) * SAMPLE_RATE / (at(1.5) - at(1.0))
    assert abs(peak_hz - 1000) <= 2
    assert (result.duration_s, result.channels, result.covered_s) == (3.0, 1, 0.5)


def test_silenced_interval_is_zeros_and_the_rest_is_unchanged(tmp_path) -> None:
    voice = voice_like(2.0)
    source = write(tmp_path / "in.wav", [voice])
    redact_audio(source, tmp_path / "out.wav", [Interval(0.25, 0.75)], SILENCE)
    out, _ = read(tmp_path / "out.wav")
    assert not out[at(0.25) : at(0.75)].any()
    assert np.array_equal(out[: at(0.25), 0], voice[: at(0.25)])
    assert np.array_equal(out[at(0.75) :, 0], voice[at(0.75) :])


def test_in_stereo_only_the_speakers_channel_is_bleeped(tmp_path) -> None:
    agent, customer = voice_like(2.0, seed=1), voice_like(2.0, seed=2)
    source = write(tmp_path / "in.wav", [agent, customer])
    intervals = entity_intervals(document(("customer", 1, [(0.5, 1.0)])), padding_s=0.0)
    redact_audio(source, tmp_path / "out.wav", intervals, BLEEP)
    out, _ = read(tmp_path / "out.wav")
    assert out.shape[1] == 2
    assert np.array_equal(out[:, 0], agent)
    assert np.array_equal(out[at(0.5) : at(1.0), 1], cover_samples(at(0.5), at(1.0), BLEEP))
    assert np.array_equal(out[: at(0.5), 1], customer[: at(0.5)])
    assert np.array_equal(out[at(1.0) :, 1], customer[at(1.0) :])


def test_a_mono_transcript_of_a_stereo_file_bleeps_both_channels(tmp_path) -> None:
    left, right = voice_like(1.0, seed=3), voice_like(1.0, seed=4)
    source = write(tmp_path / "in.wav", [left, right])
    intervals = entity_intervals(document(("mixed", 0, [(0.2, 0.4)])), padding_s=0.0)
    redact_audio(source, tmp_path / "out.wav", intervals, SILENCE)
    out, _ = read(tmp_path / "out.wav")
    assert not out[at(0.2) : at(0.4)].any()
    assert np.array_equal(out[at(0.4) :, 0], left[at(0.4) :])


def test_padding_widens_each_entity_and_stops_at_the_start() -> None:
    doc = document(("agent", 0, [(0.05, 0.5)]), ("customer", 1, [(1.0, 1.2), (1.25, 1.5)]))
    assert entity_intervals(doc, padding_s=0.08) == [
        Interval(0.0, 0.58, 0),
        Interval(0.92, 1.58, 1),
    ]


def test_intervals_merge_per_channel_only() -> None:
    merged = merge_intervals(
        [Interval(0.0, 1.0, 0), Interval(0.5, 2.0, 0), Interval(0.5, 0.7, 1), Interval(3, 3, 0)]
    )
    assert merged == [Interval(0.0, 2.0, 0), Interval(0.5, 0.7, 1)]


def test_an_older_transcript_without_channels_uses_the_speaker_role() -> None:
    doc = {"segments": [{"speaker": "customer", "entities": [{"t_start": 1, "t_end": 2}]}]}
    assert entity_intervals(doc, 0.0) == [Interval(1.0, 2.0, 1)]


def test_other_rates_become_16khz_and_keep_their_length(tmp_path) -> None:
    source = write(tmp_path / "in.wav", [voice_like(2.0, rate=8000)], rate=8000)
    result = redact_audio(source, tmp_path / "out.wav", [Interval(0.5, 1.0)], BLEEP)
    out, rate = read(tmp_path / "out.wav")
    assert rate == SAMPLE_RATE and abs(len(out) - 2 * SAMPLE_RATE) <= 64
    assert result.channels == 1
    middle = slice(at(0.55), at(0.95))
    assert np.array_equal(out[middle, 0], cover_samples(at(0.55), at(0.95), BLEEP))


def test_an_interval_past_the_end_is_cut_at_the_end(tmp_path) -> None:
    source = write(tmp_path / "in.wav", [voice_like(1.0)])
    result = redact_audio(source, tmp_path / "out.wav", [Interval(0.9, 5.0)], SILENCE)
    out, _ = read(tmp_path / "out.wav")
    assert len(out) == SAMPLE_RATE and not out[at(0.9) :].any()
    assert result.covered_s == pytest.approx(0.1)


def test_not_audio_is_an_undecodable_recording(tmp_path) -> None:
    source = tmp_path / "in.wav"
    source.write_bytes(b"not audio at all")
    with pytest.raises(UndecodableAudio):
        redact_audio(source, tmp_path / "out.wav", [], BLEEP)
