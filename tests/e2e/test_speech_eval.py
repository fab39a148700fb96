"""The speech evaluation on a few committed utterances, with the real model and redactor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import AsrSettings, RedactionSettings
from pipeline.evaluation.speech_set import SpeechSet, load_speech_set
from pipeline.transcript import Transcript

pytestmark = pytest.mark.e2e

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "speech_eval" / "dev"
NUMBER_TYPES = {"CARD_NUMBER", "PHONE", "CUSTOMER_ID", "NATIONAL_ID"}


def few_english_number_utterances() -> SpeechSet:
    """Two English utterances with a number-like value: one mono, one stereo."""
    full = load_speech_set(DEV)
    english = [
        u
        for u in full.utterances
        if u.language == "en" and not u.telephone and {v.type for v in u.values} <= NUMBER_TYPES
    ]
    mono = [u for u in english if not u.stereo][:1]
    stereo = [u for u in english if u.stereo][:1]
    return SpeechSet("dev-few", DEV, tuple(mono + stereo))


class CountingTranscriber:
    """The real transcriber, counting how often it is asked."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls = 0
        self.name = "base"

    def transcribe(self, audio, *, call_id, stereo, language) -> Transcript:
        self.calls += 1
        return self.inner.transcribe(audio, call_id=call_id, stereo=stereo, language=language)


@pytest.fixture(scope="module")
def speech_run(tmp_path_factory):
    """The few utterances transcribed once with the real base model into a fresh cache."""
    from models.asr import asr_versions, transcriber_from
    from workers.speech_eval import TranscriptCache

    asr = AsrSettings(model="base")
    cache = TranscriptCache(tmp_path_factory.mktemp("speech-cache"), asr, asr_versions())
    transcriber = CountingTranscriber(transcriber_from(asr))
    return few_english_number_utterances(), transcriber, cache


def test_unredacted_transcripts_are_counted_as_leaks(speech_run):
    from workers.speech_eval import run_speech_eval

    speech_set, transcriber, cache = speech_run
    result = run_speech_eval(speech_set, transcriber, cache, lambda t: t.text, model="base")
    total = result.total()
    assert total.values >= 2
    # Every value the recognizer wrote out is, left unredacted, a leak; at least one of two
    # clearly spoken English numbers is written out on any processor.
    assert total.leaked == total.heard >= 1
    assert result.over_redaction == 0.0


def test_fully_redacted_transcripts_leak_nothing_and_count_as_over_redaction(speech_run):
    from workers.speech_eval import run_speech_eval

    speech_set, transcriber, cache = speech_run

    def redact_everything(transcript: Transcript) -> str:
        return re.sub(r"\w+", "[X]", transcript.text)

    result = run_speech_eval(speech_set, transcriber, cache, redact_everything, model="base")
    assert result.total().leaked == 0
    assert result.over_redaction == 1.0


def test_a_rerun_reads_transcripts_from_the_cache_and_redacts_with_the_real_redactor(speech_run):
    from models.redaction import build_analyzer
    from workers.speech_eval import redacted_text, run_speech_eval

    speech_set, transcriber, cache = speech_run
    run_speech_eval(speech_set, transcriber, cache, lambda t: t.text, model="base")
    before = transcriber.calls
    analyzer, versions = build_analyzer(RedactionSettings())
    result = run_speech_eval(
        speech_set,
        transcriber,
        cache,
        lambda t: redacted_text(t, analyzer, versions),
        model="base",
    )
    assert transcriber.calls == before  # nothing transcribed again
    assert len(result.scores) == len(speech_set.utterances)
    assert result.total().leaked <= result.total().heard
