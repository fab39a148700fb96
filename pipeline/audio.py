"""Audio inspection and streamed decoding: a recording's shape from its header, PCM in windows."""

from __future__ import annotations

import struct
import wave
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from pipeline.errors import AudioTooLong, UndecodableAudio
from pipeline.keys import AUDIO_EXTENSIONS

# Shortest recording worth transcribing; anything shorter is rejected as empty.
MIN_DURATION_S = 0.1
# Longest recording accepted unless configured otherwise ([audio] max_duration_s).
MAX_DURATION_S = 4 * 3600.0
# What the recognizer and the redacted audio use.
SAMPLE_RATE = 16_000
# How much ingest decodes to prove the stream is audio: enough to pass a corrupt header's
# first packets, little enough that probing a 4-hour call costs what probing a short one does.
PROOF_S = 2.0
# Errors PyAV and FFmpeg raise on input that is not what it claims to be.
_DECODE_ERRORS = (
    av.error.FFmpegError,
    ValueError,
    IndexError,
    OSError,
    OverflowError,
    ZeroDivisionError,
    TypeError,
)


@dataclass(frozen=True)
class AudioInfo:
    """What ingest learns from a recording's header."""

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


def probe_audio(path: Path, max_duration_s: float | None = MAX_DURATION_S) -> AudioInfo:
    """Read the header and the first seconds; raise UndecodableAudio (AudioTooLong) on failure.

    The duration comes from the header, so a 4-hour call is probed as fast as a 4-second one and
    a header claiming more than `max_duration_s` is refused before anything is decoded. Where
    the header does not say (some Ogg and raw streams), the stream is decoded, without keeping
    the samples, until its end or the maximum. A file corrupt past its first seconds gets
    through here and is dead-lettered by the transcribe stage, which decodes all of it anyway.
    """
    if path.stat().st_size == 0:
        raise UndecodableAudio("the audio file is empty", reason="empty_audio")
    limit = max_duration_s if max_duration_s is not None else float("inf")
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
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
            if not rate or not channels:
                raise UndecodableAudio(
                    "the audio stream has no sample rate", reason="no_audio_stream"
                )
            claimed = _header_duration(container, stream)
            _check_length(max(claimed or 0.0, _riff_claim(path)), limit)
            decoded = 0
            for frame in container.decode(stream):
                decoded += frame.samples
                if claimed is not None and decoded >= PROOF_S * rate:
                    break
                if claimed is None:
                    _check_length(decoded / rate, limit)
    except UndecodableAudio:
        raise
    except _DECODE_ERRORS:
        raise UndecodableAudio("the file could not be decoded as audio") from None
    if decoded == 0:
        raise UndecodableAudio("the recording holds no audio", reason="empty_audio")
    duration = claimed if claimed is not None else decoded / rate
    if duration < MIN_DURATION_S:
        raise UndecodableAudio("the recording holds no audio", reason="empty_audio")
    return AudioInfo(duration_s=duration, channels=channels, sample_rate=rate, codec=codec)


def _header_duration(container, stream) -> float | None:
    # The stream's own duration when the container states it, else the container's.
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    return None


def _riff_claim(path: Path) -> float:
    """Seconds a WAV header's data chunk claims (0 when not a WAV or unknown).

    FFmpeg trusts the file's size over a WAV header, so a 5-second file whose header says
    37 hours probes as 5 seconds; a header that lies that much is refused here instead.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return 0.0
    pos, byte_rate = 12, 0
    while pos + 8 <= len(head):
        tag, size = head[pos : pos + 4], struct.unpack("<I", head[pos + 4 : pos + 8])[0]
        if tag == b"fmt " and pos + 20 <= len(head):
            byte_rate = struct.unpack("<I", head[pos + 16 : pos + 20])[0]
        elif tag == b"data":
            # 0 and 0xFFFFFFFF are what a streaming writer leaves when it does not know yet.
            unknown = size in (0, 0xFFFFFFFF) or not byte_rate
            return 0.0 if unknown else size / byte_rate
        pos += 8 + size + (size & 1)
    return 0.0


def _check_length(seconds: float, limit: float) -> None:
    if seconds > limit:
        raise AudioTooLong(
            f"the recording is {seconds / 3600:.1f} h long, over the maximum of "
            f"{limit / 3600:.1f} h ([audio] max_duration_s)"
        )


@dataclass(frozen=True)
class PcmBlock:
    """Decoded audio for the recognizer: float32 [-1, 1), shape (tracks, samples), 16 kHz."""

    offset_s: float
    samples: np.ndarray


def pcm_blocks(
    path: Path,
    *,
    split_stereo: bool,
    block_s: float = 30.0,
    max_duration_s: float | None = MAX_DURATION_S,
    keep_pcm: Path | None = None,
) -> Iterator[PcmBlock]:
    """Decode `path` once, frame by frame, and yield it in blocks of `block_s` seconds.

    Mono (the channels mixed down, as faster-whisper's decode_audio does) or both channels of a
    stereo call. With `keep_pcm`, the same decoded frames are also written there as 16 kHz
    16-bit WAV in the recording's own layout (mono, or stereo for two or more channels): the
    input audio redaction needs, so it does not fetch and decode the recording again. Memory
    holds one block whatever the call's length; decoding past `max_duration_s` raises
    AudioTooLong, whatever the header said.
    """
    limit = max_duration_s if max_duration_s is not None else float("inf")
    tracks = 2 if split_stereo else 1
    block = int(block_s * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    held = emitted = 0
    try:
        with ExitStack() as stack:
            container = stack.enter_context(av.open(str(path), metadata_errors="ignore"))
            stream = container.streams.audio[0]
            native = "mono" if stream.codec_context.channels == 1 else "stereo"
            asr = av.AudioResampler(
                format="s16", layout="stereo" if split_stereo else "mono", rate=SAMPLE_RATE
            )
            keep = same = None
            if keep_pcm is not None:
                out_file = stack.enter_context(wave.open(str(keep_pcm), "wb"))
                if native == ("stereo" if split_stereo else "mono"):
                    same = _wav_header(out_file, native)  # the recognizer's samples serve
                else:
                    keep = _KeptPcm(out_file, native)

            def hold(resampled: list[av.AudioFrame]) -> None:
                nonlocal held
                for out in resampled:
                    samples = out.to_ndarray()
                    if same is not None:
                        same.writeframes(samples.tobytes())
                    pending.append(samples.reshape(-1, tracks).T)
                    held += out.samples

            for frame in _frames(container, stream):
                hold(asr.resample(frame))
                if keep is not None:
                    keep.write(frame)
                while held >= block:
                    chunk, pending, held = _take(pending, block)
                    yield PcmBlock(emitted / SAMPLE_RATE, _to_float(chunk))
                    emitted += block
                    _check_length(emitted / SAMPLE_RATE, limit)
            hold(asr.resample(None))
            if keep is not None:
                keep.flush()
    except UndecodableAudio:
        raise
    except _DECODE_ERRORS:
        raise UndecodableAudio("the recording could not be decoded") from None
    _check_length((emitted + held) / SAMPLE_RATE, limit)
    if held:
        chunk, _, _ = _take(pending, held)
        yield PcmBlock(emitted / SAMPLE_RATE, _to_float(chunk))
    elif emitted == 0:
        raise UndecodableAudio("the recording holds no audio", reason="empty_audio")


def _frames(container, stream) -> Iterator[av.AudioFrame]:
    # Skip a damaged packet as faster-whisper's decode_audio does, rather than lose the call.
    packets = container.demux(stream)
    for packet in packets:
        try:
            yield from packet.decode()
        except av.error.InvalidDataError:
            continue


def _take(pending: list[np.ndarray], n: int) -> tuple[np.ndarray, list[np.ndarray], int]:
    # The first n samples of the pending pieces, and what is left.
    whole = np.concatenate(pending, axis=1)
    rest = whole[:, n:]
    return whole[:, :n], ([rest] if rest.shape[1] else []), rest.shape[1]


def _to_float(chunk: np.ndarray) -> np.ndarray:
    # faster-whisper's own conversion, so varsam hears exactly what bare faster-whisper hears.
    return np.ascontiguousarray(chunk, dtype=np.float32) / 32768.0


def _wav_header(out: wave.Wave_write, layout: str) -> wave.Wave_write:
    # 16 kHz 16-bit, the layout's channels: what audio redaction decodes a recording to.
    out.setnchannels(1 if layout == "mono" else 2)
    out.setsampwidth(2)
    out.setframerate(SAMPLE_RATE)
    return out


class _KeptPcm:
    """A second resampling of the decoded frames, in the recording's layout, to a WAV file
    (a stereo recording transcribed as one mixed channel)."""

    def __init__(self, out: wave.Wave_write, layout: str) -> None:
        self.out = _wav_header(out, layout)
        self.resampler = av.AudioResampler(format="s16", layout=layout, rate=SAMPLE_RATE)

    def write(self, frame: av.AudioFrame | None) -> None:
        for out in self.resampler.resample(frame):
            self.out.writeframes(out.to_ndarray().tobytes())

    def flush(self) -> None:
        self.write(None)
