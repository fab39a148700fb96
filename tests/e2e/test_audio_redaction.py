"""End to end: a spoken personnummer is bleeped out of the audio, as the real ASR hears it."""

from __future__ import annotations

import json
import re
import wave

import numpy as np
import pytest

from pipeline import keys
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

FIXTURES = ROOT / "tests" / "fixtures" / "audio"
# Checksum-valid and made up (tests/fixtures/audio/README.md); whisper writes them as digits.
MONO_NUMBER = "196409174825"
STEREO_NUMBER = "197506231237"
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
DIGIT_WORDS = {word: str(digit) for digit, word in enumerate(NUMBER_WORDS)} | {"oh": "0"}


def digits(text: str) -> str:
    """Every digit said in `text`, written or as a word, in order, whatever the spacing."""
    words = re.findall(r"[a-z]+|\d", text.lower())
    return "".join(DIGIT_WORDS.get(w, w) for w in words if w.isdigit() or w in DIGIT_WORDS)


def no_part_of(number: str, heard: str) -> bool:
    """True when not even six digits of `number` in a row were heard."""
    return not any(number[i : i + 6] in heard for i in range(len(number) - 5))


def run_call(tmp_path, fixture: str, layout: str) -> dict:
    """`fixture` through the real pipeline, then its redacted audio through the real ASR."""
    from config.settings import load_settings
    from workers.runners.embedded import Embedded

    call_id = fixture.split(".")[0]
    embedded = Embedded(load_settings(data_dir=tmp_path))
    try:
        embedded.ingest(FIXTURES / fixture, call_id=call_id, language="en", layout=layout)
        embedded.run()
        store = embedded.store
        result = {
            "raw": json.loads(store.get_bytes(keys.raw_transcript(call_id))),
            "redacted": json.loads(store.get_bytes(keys.redacted_transcript(call_id))),
            "audio": tmp_path / "redacted.wav",
        }
        store.fetch_to(keys.redacted_audio(call_id), result["audio"])
        result["heard"] = embedded.ctx.transcriber.transcribe(
            result["audio"], call_id=call_id, stereo=layout == "stereo", language="en"
        )
    finally:
        embedded.close()
    return result


def said(transcript, speaker: str | None = None) -> str:
    segments = transcript["segments"] if isinstance(transcript, dict) else transcript.segments
    pick = [s if isinstance(s, dict) else vars(s) for s in segments]
    return " ".join(s["text"] for s in pick if speaker is None or s["speaker"] == speaker)


@pytest.fixture(scope="module")
def mono(tmp_path_factory):
    return run_call(tmp_path_factory.mktemp("mono"), "en-personal-number.flac", "mono")


@pytest.fixture(scope="module")
def stereo(tmp_path_factory):
    return run_call(tmp_path_factory.mktemp("stereo"), "en-stereo-personal-number.flac", "stereo")


def test_the_original_transcript_holds_the_spoken_number(mono):
    # Without this the tests below could pass with an ASR that hears nothing.
    assert MONO_NUMBER in digits(said(mono["raw"]))


def test_the_redacted_transcript_tags_the_number_with_its_time(mono):
    doc = mono["redacted"]
    assert MONO_NUMBER not in digits(json.dumps(doc))
    [entity] = [e for s in doc["segments"] for e in s["entities"] if e["type"] == "NATIONAL_ID"]
    assert 0 < entity["t_start"] < entity["t_end"]
    assert doc["audio_key"].endswith("/audio/redacted.wav") and doc["audio"]["covered_s"] > 1


def test_the_redacted_audio_no_longer_says_the_number(mono):
    heard = said(mono["heard"])
    assert MONO_NUMBER not in digits(heard) and no_part_of(MONO_NUMBER, digits(heard)), heard


def test_the_words_around_the_number_are_still_heard(mono):
    heard = said(mono["heard"]).lower()
    for words in ("support desk", "personal number", "invoice"):
        assert words in heard, heard


def test_the_redacted_audio_is_16khz_16bit_mono_of_the_same_length(mono):
    with wave.open(str(mono["audio"])) as w:
        shape = (w.getframerate(), w.getsampwidth(), w.getnchannels())
        duration = w.getnframes() / w.getframerate()
    assert shape == (16000, 2, 1)
    assert duration == pytest.approx(mono["raw"]["duration_s"], abs=0.05)


def test_in_stereo_the_customers_number_is_heard_then_gone(stereo):
    assert STEREO_NUMBER in digits(said(stereo["raw"], "customer"))
    heard = said(stereo["heard"], "customer")
    assert no_part_of(STEREO_NUMBER, digits(heard)), heard
    assert "personal number" in heard.lower() and "invoice" in heard.lower(), heard


def test_in_stereo_the_agents_channel_is_untouched(stereo, tmp_path):
    from pipeline.audio_redaction import AudioRedaction, redact_audio

    assert all(not s["entities"] for s in stereo["redacted"]["segments"] if s["speaker"] == "agent")
    reference = tmp_path / "reference.wav"
    redact_audio(FIXTURES / "en-stereo-personal-number.flac", reference, [], AudioRedaction())
    with wave.open(str(stereo["audio"])) as out, wave.open(str(reference)) as ref:
        assert out.getnchannels() == 2
        got = np.frombuffer(out.readframes(out.getnframes()), "<i2").reshape(-1, 2)
        want = np.frombuffer(ref.readframes(ref.getnframes()), "<i2").reshape(-1, 2)
    assert np.array_equal(got[:, 0], want[:, 0])
    assert not np.array_equal(got[:, 1], want[:, 1])
    agent = said(stereo["heard"], "agent").lower()
    assert "personal number" in agent and "one moment" in agent, agent
