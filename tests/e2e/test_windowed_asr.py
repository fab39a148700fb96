"""Windowed, batched transcription with the real tiny.en model: no word lost or heard twice
at a window border, word times continuous across windows, each channel's words its own."""

from __future__ import annotations

import itertools
import re
import wave

import numpy as np
import pytest
from faster_whisper import decode_audio

import models.asr
from config.settings import AsrSettings
from models.asr import WhisperTranscriber
from tests.conftest import SAMPLES

RATE = 16_000
BORDER_S = 30.0  # the first window's end: window_s = 30, blocks of 30 s


def write(path, tracks: np.ndarray):
    tracks = np.atleast_2d(tracks)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(tracks.shape[0])
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(tracks.T, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.fixture(scope="module")
def tiny():
    sequential = WhisperTranscriber(AsrSettings(model="tiny.en", sequential_max_s=1e9))
    sequential.warm_up()
    return sequential


def windowed(batch_size: int) -> WhisperTranscriber:
    options = AsrSettings(model="tiny.en", sequential_max_s=0, window_s=30, batch_size=batch_size)
    return WhisperTranscriber(options)


@pytest.fixture(scope="module")
def straddling(tiny, tmp_path_factory):
    """A call in which a word of en-billing is being said at exactly 30.0 s."""
    sequential = tiny
    folder = tmp_path_factory.mktemp("straddle")
    billing = decode_audio(str(SAMPLES / "en-billing.wav"))
    alone = sequential.transcribe(
        write(folder / "billing.wav", billing), call_id="b", stereo=False, language="en"
    )
    words = [w for s in alone.segments for w in s.words]
    word = max(words[len(words) // 3 : 2 * len(words) // 3], key=lambda w: w.end - w.start)
    lead = BORDER_S - (word.start + word.end) / 2
    delete = decode_audio(str(SAMPLES / "en-delete.m4a"))
    audio = np.concatenate([silence(lead), billing, silence(0.5), delete])
    return write(folder / "straddle.wav", audio), word.text, BORDER_S


@pytest.mark.parametrize("batch_size", [1, 8], ids=["window-by-window", "batched"])
def test_a_word_said_across_a_window_border_is_heard_once_at_its_time(
    tiny, straddling, monkeypatch, batch_size
):
    sequential = tiny
    path, said, border = straddling
    cuts = []
    real_cut = models.asr.cut_point

    def spy(*args, **kwargs):
        cut = real_cut(*args, **kwargs)
        cuts.append(cut)
        return cut

    monkeypatch.setattr(models.asr, "cut_point", spy)
    whole = sequential.transcribe(path, call_id="w", stereo=False, language="en")
    parts = windowed(batch_size).transcribe(path, call_id="p", stereo=False, language="en")
    # The call really was cut: not at 30 s, in speech, but at the next pause (the first cut
    # ends the first window, so it is in call time)
    made = [c for c in cuts if c is not None]
    assert made
    cut_s = made[0] / RATE
    reference = [w for s in whole.segments for w in s.words]
    heard = [w for s in parts.segments for w in s.words]
    # The straddling word: said across 30.0 s, heard once, where it was said
    [spanning] = [w for w in reference if w.start < border < w.end]
    assert norm(spanning.text) == norm(said)
    near = [w for w in heard if abs((w.start + w.end) / 2 - border) < 1.0]
    assert [norm(w.text) for w in near].count(norm(said)) == 1
    # The cut fell in a pause: no word of the whole-call transcript spans it
    assert not [w for w in reference if w.start < cut_s < w.end]
    # Times run on across the border: every word in order, none doubled
    starts = [w.start for w in heard]
    assert starts == sorted(starts) and starts[-1] <= parts.duration_s
    # A word heard twice is the same word again before the first one's middle (a word said
    # twice, "zero zero", follows the first one)
    doubled = [
        (a.text, b.text)
        for a, b in itertools.pairwise(heard)
        if norm(a.text) == norm(b.text) and b.start < (a.start + a.end) / 2
    ]
    assert doubled == []
    if batch_size > 1:
        return  # batched decoding hears the words its own way (no timestamp tokens)
    # Around the border, window by window hears what the whole-call run heard
    around = [w for w in reference if abs(w.start - cut_s) < 4.0]
    matched = [
        w
        for w in around
        if any(norm(h.text) == norm(w.text) and abs(h.start - w.start) < 0.6 for h in heard)
    ]
    assert len(around) >= 4 and len(matched) >= len(around) - 1


@pytest.mark.parametrize("batch_size", [1, 8], ids=["window-by-window", "batched"])
def test_stereo_channels_keep_their_own_words(tiny, tmp_path, batch_size):
    billing = decode_audio(str(SAMPLES / "en-billing.wav"))  # 18.8 s, left
    delete = decode_audio(str(SAMPLES / "en-delete.m4a"))  # 16.8 s, right, after the left
    length = len(billing) + RATE + len(delete) + 8 * RATE
    left, right = np.zeros(length, np.float32), np.zeros(length, np.float32)
    left[: len(billing)] = billing
    right[len(billing) + RATE : len(billing) + RATE + len(delete)] = delete
    path = write(tmp_path / "stereo.wav", np.stack([left, right]))
    parts = windowed(batch_size).transcribe(path, call_id="s", stereo=True, language="en")
    switch = (len(billing) + RATE / 2) / RATE
    agent = [s for s in parts.segments if s.channel == 0]
    customer = [s for s in parts.segments if s.channel == 1]
    assert agent and customer
    assert all(s.speaker == "agent" and s.end <= switch + 0.5 for s in agent)
    assert all(s.speaker == "customer" and s.start >= switch - 0.5 for s in customer)
    assert "smith" in norm(" ".join(s.text for s in agent))
    assert "bennett" in norm(" ".join(s.text for s in customer))
