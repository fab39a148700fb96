"""Runs a speech set through the pipeline's own ASR and redaction, with a transcript cache."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from config.settings import AsrSettings
from pipeline.answer_windows import TranscriptRedaction
from pipeline.audio import probe_audio
from pipeline.evaluation.speech_report import SpeechResult
from pipeline.evaluation.speech_scoring import UtteranceScore, score_utterance
from pipeline.evaluation.speech_set import SpeechSet, Utterance, interleaved
from pipeline.redacted import redact_transcript
from pipeline.redaction.operators import RedactionPolicy
from pipeline.stages.context import TextAnalyzer
from pipeline.transcript import Transcriber, Transcript

# Bump when the transcript's shape or the way it is produced changes.
CACHE_VERSION = 2
# ASR settings that do not change what is heard, and those that change it only for calls
# that take the windowed path (models.asr.whole_call): a call transcribed whole keeps its
# cached transcript when only those change.
_NOT_HEARD = {"cache_dir", "cpu_threads", "num_workers"}
_WINDOWED_ONLY = {"batch_size", "sequential_max_s", "window_s"}
# A fixed time: redaction output must not depend on when the evaluation ran.
REDACTED_AT = datetime(2026, 1, 1, tzinfo=UTC)


class TranscriptCache:
    """Transcripts keyed by audio hash, model, the ASR settings that shape what is heard (for
    the path the call takes), layout and forced language."""

    def __init__(self, folder: Path, asr: AsrSettings, versions: dict[str, str]) -> None:
        self.folder = folder.expanduser()
        self.asr = asr
        settings = asr.model_dump(mode="json", exclude=_NOT_HEARD | _WINDOWED_ONLY)
        self._salt = json.dumps(
            {"v": CACHE_VERSION, "asr": settings, "versions": versions}, sort_keys=True
        )

    def key(self, audio: bytes, stereo: bool, language: str | None, seconds: float) -> str:
        """The cache key of one utterance's transcript; `seconds` is the call's length."""
        from models.asr import whole_call

        path: dict[str, object] = {"path": "whole"}
        if not whole_call(self.asr, seconds):
            path = {"path": "windowed", **self.asr.model_dump(mode="json", include=_WINDOWED_ONLY)}
        digest = hashlib.sha256()
        digest.update(self._salt.encode())
        digest.update(json.dumps([stereo, language, path], sort_keys=True).encode())
        digest.update(hashlib.sha256(audio).digest())
        return digest.hexdigest()

    def get(self, key: str) -> Transcript | None:
        """The cached transcript, or None."""
        path = self.folder / key[:2] / f"{key}.json"
        if not path.exists():
            return None
        return Transcript.from_json(json.loads(path.read_text(encoding="utf-8")))

    def put(self, key: str, transcript: Transcript) -> None:
        """Store a transcript (atomically: a killed run leaves no half file)."""
        path = self.folder / key[:2] / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(transcript.to_json(), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


@dataclass(frozen=True)
class TranscribeOptions:
    """How the utterances are transcribed: forced language (as `varsam ingest --language`)."""

    force_language: bool = True


def transcribe_utterance(
    utt: Utterance,
    transcriber: Transcriber,
    cache: TranscriptCache,
    options: TranscribeOptions = TranscribeOptions(),
) -> tuple[Transcript, bool]:
    """The pipeline's transcript of an utterance (from the cache when there); True if cached."""
    audio = utt.audio.read_bytes()
    language = utt.language if options.force_language else None
    seconds = probe_audio(utt.audio, max_duration_s=None).duration_s
    key = cache.key(audio, utt.stereo, language, seconds)
    cached = cache.get(key)
    if cached is not None:
        return cached, True
    transcript = transcriber.transcribe(
        utt.audio, call_id=utt.id, stereo=utt.stereo, language=language
    )
    cache.put(key, transcript)
    return transcript, False


def redacted_text(
    transcript: Transcript,
    analyzer: TextAnalyzer,
    versions: dict[str, str],
    options: TranscriptRedaction | None = None,
) -> str:
    """The redacted transcript's text, made the way the redact stage makes it (tag operator,
    the configured dialogue window and unsure-word widening)."""
    source = hashlib.sha256(json.dumps(transcript.to_json()).encode()).hexdigest()
    document = redact_transcript(
        transcript,
        analyzer,
        versions=versions,
        redacted_at=REDACTED_AT,
        source_sha256=source,
        policy=RedactionPolicy("tag"),
        options=options,
    )
    return str(document["text"])


def run_speech_eval(
    speech_set: SpeechSet,
    transcriber: Transcriber,
    cache: TranscriptCache,
    redact: Callable[[Transcript], str],
    *,
    model: str,
    limit: int | None = None,
    options: TranscribeOptions = TranscribeOptions(),
    progress: Callable[[int, int, bool], None] | None = None,
) -> SpeechResult:
    """Transcribe (or read from the cache), redact and score every utterance of a set."""
    # Languages interleaved, so that a partial run (`limit`) is a fair sample of the set.
    ordered = interleaved(speech_set.utterances)
    utterances: Sequence[Utterance] = ordered[:limit] if limit else ordered
    scores: list[UtteranceScore] = []
    for done, utt in enumerate(utterances, start=1):
        transcript, cached = transcribe_utterance(utt, transcriber, cache, options)
        scores.append(score_utterance(utt, transcript.text, redact(transcript)))
        if progress:
            progress(done, len(utterances), cached)
    return SpeechResult(speech_set.name, model, tuple(scores))


def print_progress(done: int, total: int, cached: bool) -> None:
    """A one-line progress counter on stderr (counts only)."""
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r{done}/{total} utterances{' (cached)' if cached else '':<10}{end}")
    sys.stderr.flush()
