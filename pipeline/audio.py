"""Audio inspection: decode a recording once to prove it is audio and learn its shape."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from pipeline.errors import UndecodableAudio
from pipeline.keys import AUDIO_EXTENSIONS

# Shortest recording worth transcribing; anything shorter is rejected as empty.
MIN_DURATION_S = 0.1


@dataclass(frozen=True)
class AudioInfo:
    """What ingest learns from decoding a recording."""

    duration_s: float
    channels: int
    sample_rate: int
    codec: str


def audio_extension(path: Path) -> str:
    """The canonical extension for a recording's landing copy, or UndecodableAudio."""
    ext = path.suffix.lower().lstrip(".")
    if ext == "oga":
        ext = "ogg"
    if ext not in AUDIO_EXTENSIONS:
        raise UndecodableAudio(
            f"unsupported audio format '.{ext}' (use {', '.join(AUDIO_EXTENSIONS)})",
            reason="unsupported_format",
        )
    return ext


def probe_audio(path: Path) -> AudioInfo:
    """Decode every frame of the first audio stream; raise UndecodableAudio if any step fails.

    Decoding all of it (without keeping the samples) catches a file that is truncated or
    corrupt in the middle, which a header check would let through to the ASR stage.
    """
    if path.stat().st_size == 0:
        raise UndecodableAudio("the audio file is empty", reason="empty_audio")
    samples = 0
    try:
        with av.open(str(path)) as container:
            streams = container.streams.audio
            if not streams:
                raise UndecodableAudio("the file has no audio stream", reason="no_audio_stream")
            stream = streams[0]
            if stream.codec_context is None:
                # A header naming no codec FFmpeg has (a WAV claiming 0 bits per sample).
                raise UndecodableAudio(
                    "the audio stream's codec is unknown", reason="unsupported_codec"
                )
            rate = stream.codec_context.sample_rate or stream.rate
            channels = stream.codec_context.channels
            codec = stream.codec_context.name
            for frame in container.decode(stream):
                samples += frame.samples
    except UndecodableAudio:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, OSError):
        raise UndecodableAudio("the file could not be decoded as audio") from None
    if not rate or not channels:
        raise UndecodableAudio("the audio stream has no sample rate", reason="no_audio_stream")
    duration = samples / rate
    if duration < MIN_DURATION_S:
        raise UndecodableAudio("the recording holds no audio", reason="empty_audio")
    return AudioInfo(duration_s=duration, channels=channels, sample_rate=rate, codec=codec)
