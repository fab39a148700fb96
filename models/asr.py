"""Speech recognition with faster-whisper: one model per process, word timestamps, per channel."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from config.settings import AsrSettings
from pipeline.transcript import Segment, Transcript, Word, merge_channels, role_for

SAMPLE_RATE = 16_000


@cache
def _load(options: AsrSettings):  # AsrSettings is frozen, so it keys the cache
    from faster_whisper import WhisperModel

    from models.whisper_files import resolve_whisper_model

    name, source = resolve_whisper_model(options.model, Path(options.cache_dir).expanduser())
    threads = options.cpu_threads or (os.cpu_count() or 1)
    model = WhisperModel(
        str(source),
        device=options.device,
        compute_type=options.compute_type,
        cpu_threads=threads,
        local_files_only=True,
    )
    return name, model


def asr_versions() -> dict[str, str]:
    """Versions of the recognition stack, recorded with every transcript."""
    import ctranslate2
    import faster_whisper

    return {"faster_whisper": faster_whisper.__version__, "ctranslate2": ctranslate2.__version__}


class WhisperTranscriber:
    """The Transcriber the stages use; loads its model once, on first use."""

    def __init__(self, options: AsrSettings) -> None:
        self.options = options

    @property
    def name(self) -> str:
        """The model's display name (`base`, `tiny.en`, a folder name)."""
        return _load(self.options)[0]

    def warm_up(self) -> None:
        """Load the model now rather than on the first call."""
        _load(self.options)

    def transcribe(
        self, audio: Path, *, call_id: str, stereo: bool, language: str | None
    ) -> Transcript:
        """Transcribe each channel on its own and merge by time, labelled with speaker roles."""
        from faster_whisper import decode_audio

        name, model = _load(self.options)
        if stereo:
            tracks = list(decode_audio(str(audio), sampling_rate=SAMPLE_RATE, split_stereo=True))
        else:
            tracks = [decode_audio(str(audio), sampling_rate=SAMPLE_RATE)]
        duration = max(len(t) for t in tracks) / SAMPLE_RATE
        per_channel: list[list[Segment]] = []
        detected: list[tuple[float, str]] = []
        for channel, samples in enumerate(tracks):
            segments, info = model.transcribe(
                samples,
                language=language,
                beam_size=self.options.beam_size,
                word_timestamps=True,
                vad_filter=self.options.vad_filter,
                condition_on_previous_text=False,
            )
            role = role_for(channel, len(tracks))
            found = [_segment(s, role, channel) for s in segments]
            per_channel.append([s for s in found if s.text])
            if found:
                detected.append((info.language_probability, info.language))
            del samples
        spoken = language or (max(detected)[1] if detected else "und")
        return Transcript(
            call_id=call_id,
            language=spoken,
            duration_s=round(duration, 3),
            segments=merge_channels(per_channel),
            asr_model=name,
            asr_versions=asr_versions(),
        )


def _segment(seg, role: str, channel: int) -> Segment:
    words = tuple(
        Word(
            start=round(float(w.start), 3),
            end=round(float(w.end), 3),
            text=w.word.strip(),
            probability=round(float(w.probability), 4),
        )
        for w in (seg.words or ())
    )
    return Segment(
        start=round(float(seg.start), 3),
        end=round(float(seg.end), 3),
        text=seg.text.strip(),
        speaker=role,
        channel=channel,
        words=words,
    )


def transcriber_from(settings: AsrSettings) -> WhisperTranscriber:
    """The transcriber the configuration describes."""
    return WhisperTranscriber(settings)
