"""In-memory twins for unit tests: a scripted transcriber, a pattern analyzer, a wav writer."""

from __future__ import annotations

import re
import wave
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from pipeline.audit import InMemoryAuditLog
from pipeline.consent import InMemoryLedger
from pipeline.events import utcnow
from pipeline.redaction.span import Span
from pipeline.stages.context import StageContext
from pipeline.storage import InMemoryObjectStore
from pipeline.transcript import Segment, Transcript, Word


def write_wav(path: Path, seconds: float = 1.0, channels: int = 1, rate: int = 16000) -> Path:
    """A short tone, so that ingest has real audio to decode."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    frames = np.repeat(tone[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())
    return path


def _segment(text: str, start: float, speaker: str = "mixed", channel: int = 0) -> Segment:
    words, t = [], start
    for token in text.split():
        words.append(Word(start=round(t, 2), end=round(t + 0.3, 2), text=token))
        t += 0.4
    return Segment(
        start=start,
        end=round(t, 2),
        text=text,
        speaker=speaker,
        channel=channel,
        words=tuple(words),
    )


class ScriptedTranscriber:
    """Returns the same text for every call; `during` runs mid-transcription (to race a flag)."""

    name = "scripted"

    def __init__(self, text: str = "my name is John Smith call me on 07001234567") -> None:
        self.text = text
        self.calls = 0
        self.during: Callable[[], None] | None = None

    def transcribe(
        self,
        audio: Path,
        *,
        call_id: str,
        stereo: bool,
        language: str | None,
        keep_pcm: Path | None = None,
    ) -> Transcript:
        self.calls += 1
        if self.during is not None:
            self.during()
        return Transcript(
            call_id=call_id,
            language=language or "en",
            duration_s=1.0,
            segments=(_segment(self.text, 0.0),),
            asr_model=self.name,
        )


class PatternAnalyzer:
    """Finds capitalised name pairs and digit runs; enough to exercise the stages."""

    def analyze(self, text: str, language: str | None) -> list[Span]:
        spans = [
            Span(m.start(), m.end(), "PERSON")
            for m in re.finditer(r"[A-Z][a-z]+ [A-Z][a-z]+", text)
        ]
        spans += [Span(m.start(), m.end(), "PHONE") for m in re.finditer(r"\d{6,}", text)]
        return sorted(spans)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def make_context(**overrides: object) -> StageContext:
    """A StageContext over in-memory twins, with a clock the test moves."""
    ctx = StageContext(
        store=InMemoryObjectStore(),
        ledger=InMemoryLedger(),
        audit=InMemoryAuditLog(),
        transcriber=ScriptedTranscriber(),
        analyzer=PatternAnalyzer(),
        clock=FakeClock(),
    )
    for name, value in overrides.items():
        setattr(ctx, name, value)
    return ctx
