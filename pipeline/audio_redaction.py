"""Audio redaction: bleep or silence the redacted transcript's entity times, channel by channel."""

from __future__ import annotations

import wave
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import av
import numpy as np

from pipeline.errors import UndecodableAudio
from pipeline.transcript import MONO_ROLE, STEREO_ROLES

SAMPLE_RATE = 16_000
FULL_SCALE = 32767

AudioMode = Literal["bleep", "silence", "off"]


@dataclass(frozen=True)
class AudioRedaction:
    """How personal data is removed from the audio: a tone over it, silence, or not at all."""

    mode: AudioMode = "bleep"
    padding_s: float = 0.08  # each side: word timestamps are a few tens of ms loose
    tone_hz: float = 1000.0
    level: float = 0.25  # the tone's amplitude, as a fraction of full scale (-12 dBFS)


@dataclass(frozen=True, order=True)
class Interval:
    """Seconds [start, end) to cover on one channel, or on every channel when `channel` is None."""

    start: float
    end: float
    channel: int | None = None


@dataclass(frozen=True)
class RedactedAudio:
    """What was written: length, channels, and how many seconds were covered (all channels)."""

    duration_s: float
    channels: int
    covered_s: float


def entity_intervals(document: Mapping[str, Any], padding_s: float) -> list[Interval]:
    """The padded time spans of a redacted transcript's entities, merged per channel.

    An entity of a mono-transcribed call ("mixed" speaker) covers every channel; in a stereo
    call it covers only its speaker's channel.
    """
    found = []
    for segment in document["segments"]:
        channel = _channel_of(segment)
        for entity in segment["entities"]:
            start = max(float(entity["t_start"]) - padding_s, 0.0)
            found.append(Interval(start, float(entity["t_end"]) + padding_s, channel))
    return merge_intervals(found)


def _channel_of(segment: Mapping[str, Any]) -> int | None:
    speaker = segment.get("speaker", MONO_ROLE)
    if speaker == MONO_ROLE:
        return None
    if "channel" in segment:
        return int(segment["channel"])
    return STEREO_ROLES.index(speaker) if speaker in STEREO_ROLES else None


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals of the same channel joined; sorted by start."""
    merged: list[Interval] = []
    by_channel: dict[int | None, list[Interval]] = {}
    for interval in intervals:
        if interval.end > interval.start:
            by_channel.setdefault(interval.channel, []).append(interval)
    for channel, group in by_channel.items():
        group.sort()
        current = group[0]
        for nxt in group[1:]:
            if nxt.start <= current.end:
                current = Interval(current.start, max(current.end, nxt.end), channel)
            else:
                merged.append(current)
                current = nxt
        merged.append(current)
    return sorted(merged, key=lambda i: (i.start, -1 if i.channel is None else i.channel))


def redact_audio(
    source: Path, dest: Path, intervals: Sequence[Interval], options: AudioRedaction
) -> RedactedAudio:
    """Decode `source` frame by frame, cover `intervals`, write 16 kHz 16-bit WAV to `dest`.

    Mono stays mono, two or more channels become stereo (agent left, customer right). Only
    one decoded frame is held at a time, so a long call needs little memory.
    """
    written, channels = 0, 1
    spans = [
        (round(i.start * SAMPLE_RATE), round(i.end * SAMPLE_RATE), i.channel) for i in intervals
    ]
    with ExitStack() as stack:
        out: wave.Wave_write | None = None
        for chunk in _decoded(source):
            if out is None:
                out = stack.enter_context(wave.open(str(dest), "wb"))
                channels = chunk.shape[1]
                out.setnchannels(channels)
                out.setsampwidth(2)
                out.setframerate(SAMPLE_RATE)
            _cover(chunk, written, spans, options)
            out.writeframes(chunk.tobytes())
            written += len(chunk)
    if written == 0:
        raise UndecodableAudio("the recording holds no audio", reason="empty_audio")
    covered = sum(
        (min(e, written) - min(s, written)) * (channels if c is None or c >= channels else 1)
        for s, e, c in spans
    )
    return RedactedAudio(written / SAMPLE_RATE, channels, covered / SAMPLE_RATE)


def _decoded(source: Path) -> Iterator[np.ndarray]:
    # (samples, channels) int16 chunks at 16 kHz, one decoded frame at a time.
    try:
        with av.open(str(source)) as container:
            stream = container.streams.audio[0]
            layout = "mono" if stream.codec_context.channels == 1 else "stereo"
            resampler = av.AudioResampler(format="s16", layout=layout, rate=SAMPLE_RATE)
            width = 1 if layout == "mono" else 2
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    yield out.to_ndarray().reshape(-1, width).copy()
            for out in resampler.resample(None):
                yield out.to_ndarray().reshape(-1, width).copy()
    except (av.error.FFmpegError, IndexError, ValueError, OSError):
        raise UndecodableAudio("the recording could not be decoded for audio redaction") from None


def _cover(
    chunk: np.ndarray,
    offset: int,
    spans: Sequence[tuple[int, int, int | None]],
    options: AudioRedaction,
) -> None:
    # Replace the samples of every span inside this chunk, in place.
    end = offset + len(chunk)
    for start, stop, channel in spans:
        lo, hi = max(start, offset), min(stop, end)
        if lo >= hi:
            continue
        fill = cover_samples(lo, hi, options)
        if channel is None or channel >= chunk.shape[1]:
            chunk[lo - offset : hi - offset, :] = fill[:, None]
        else:
            chunk[lo - offset : hi - offset, channel] = fill


def cover_samples(start: int, stop: int, options: AudioRedaction) -> np.ndarray:
    """What replaces samples [start, stop): the tone (its phase running from sample 0), or zeros."""
    if options.mode == "silence":
        return np.zeros(stop - start, dtype=np.int16)
    t = np.arange(start, stop, dtype=np.float64) / SAMPLE_RATE
    tone = options.level * FULL_SCALE * np.sin(2 * np.pi * options.tone_hz * t)
    return np.round(tone).astype(np.int16)
