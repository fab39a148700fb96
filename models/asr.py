"""Speech recognition with faster-whisper: one model per process, streamed, batched when long."""

from __future__ import annotations

import bisect
import os
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from config.settings import AsrSettings
from pipeline.audio import MAX_DURATION_S, SAMPLE_RATE, pcm_blocks
from pipeline.transcript import (
    Segment,
    Transcript,
    Word,
    merge_channels,
    role_for,
    split_segment,
)
from pipeline.windows import (
    Clip,
    close_gaps,
    cut_point,
    pack,
    runs_before,
    unheard,
    unpack,
)

# Whisper hears 30 seconds at a time: a batched clip is at most that long.
CLIP_S = 30.0
# Rounds that decode again the speech a clip's decoding stopped short of, and how much
# speech left over is worth one.
RETRY_ROUNDS = 2
RETRY_MIN_S = 1.5
# Tokens a second of speech can need (fast speech is about 4 words, 6 tokens, a second).
TOKENS_PER_S = 8
# Decoded audio arrives in blocks this long; a window is a whole number of them.
BLOCK_S = 30.0

_load_lock = threading.Lock()


def machine_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers and `taskset` set)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def thread_plan(options: AsrSettings) -> tuple[int, int]:
    """(cpu_threads per worker, workers): the configured ones, or the machine's cores split."""
    workers = max(1, options.num_workers)
    threads = options.cpu_threads or max(1, machine_cores() // workers)
    return threads, workers


@cache
def _load(model_name: str, device: str, compute_type: str, threads: int, workers: int, cache: Path):
    from faster_whisper import WhisperModel

    from models.whisper_files import resolve_whisper_model

    name, source = resolve_whisper_model(model_name, cache.expanduser())
    model = WhisperModel(
        str(source),
        device=device,
        compute_type=compute_type,
        cpu_threads=threads,
        num_workers=workers,
        local_files_only=True,
    )
    return name, model


def loaded(options: AsrSettings):
    """The process's one model for these options: loaded on first use, then shared.

    Keyed by what the model is made of only, so settings that differ in how it is driven
    (window, batch size, the sequential threshold) share one loaded model.
    """
    threads, workers = thread_plan(options)
    with _load_lock:  # two threads starting together still load it once
        return _load(
            options.model,
            options.device,
            options.compute_type,
            threads,
            workers,
            Path(options.cache_dir),
        )


def asr_versions() -> dict[str, str]:
    """Versions of the recognition stack, recorded with every transcript."""
    import ctranslate2
    import faster_whisper

    return {"faster_whisper": faster_whisper.__version__, "ctranslate2": ctranslate2.__version__}


def whole_call(options: AsrSettings, seconds: float) -> bool:
    """True when a call this long is transcribed whole rather than in windows.

    Chosen by measurement (bench/asr_overhead.py --scan): on an idle 2-core CPU batched
    windows were faster from 30-second calls up, mono and stereo; at 15 s the two paths were
    within noise of each other, and a short call is then heard exactly as bare would.
    """
    return seconds <= options.sequential_max_s


class WhisperTranscriber:
    """The Transcriber the stages use; loads its model once per process, on first use.

    Safe to call from several threads at once: the model has `num_workers` CTranslate2
    workers and every call keeps its own state.
    """

    def __init__(self, options: AsrSettings, max_duration_s: float = MAX_DURATION_S) -> None:
        self.options = options
        self.max_duration_s = max_duration_s

    @property
    def name(self) -> str:
        """The model's display name (`base`, `tiny.en`, a folder name)."""
        return loaded(self.options)[0]

    def warm_up(self) -> None:
        """Load the model now rather than on the first call."""
        loaded(self.options)

    def transcribe(
        self,
        audio: Path,
        *,
        call_id: str,
        stereo: bool,
        language: str | None,
        keep_pcm: Path | None = None,
    ) -> Transcript:
        """Transcribe each channel, merged by time and labelled with speaker roles.

        The recording is decoded once, in blocks. A call of at most `sequential_max_s`
        seconds is transcribed whole, channel after channel, as bare faster-whisper would; a
        longer one in windows cut in silence, its channels' speech batched together (see
        whole_call). `keep_pcm` receives the decoded audio (see pcm_blocks).
        """
        name, model = loaded(self.options)
        tracks = 2 if stereo else 1
        run = _Run(model, self.options, tracks, language)
        buffer = _Buffer(tracks)
        blocks = pcm_blocks(
            audio,
            split_stereo=stereo,
            block_s=BLOCK_S,
            max_duration_s=self.max_duration_s,
            keep_pcm=keep_pcm,
        )
        windowed = False
        for block in blocks:
            buffer.add(block.samples)
            windowed = windowed or not whole_call(self.options, buffer.offset_s + buffer.seconds)
            if windowed and buffer.seconds >= self.options.window_s:
                run.window(buffer, final=False)
        if windowed:
            run.window(buffer, final=True)
        else:
            run.sequential(buffer.take(buffer.samples))
        return Transcript(
            call_id=call_id,
            language=language or run.language or "und",
            duration_s=round(buffer.offset_s, 3),
            segments=merge_channels(run.per_channel),
            asr_model=name,
            asr_versions=asr_versions(),
        )


class _Buffer:
    """Decoded audio not yet transcribed, and where it starts in the call."""

    def __init__(self, tracks: int) -> None:
        self.parts: list[np.ndarray] = []
        self.samples = 0
        self.offset = 0  # samples of the call already taken
        self.tracks = tracks

    @property
    def seconds(self) -> float:
        return self.samples / SAMPLE_RATE

    @property
    def offset_s(self) -> float:
        return self.offset / SAMPLE_RATE

    def add(self, samples: np.ndarray) -> None:
        self.parts.append(samples)
        self.samples += samples.shape[1]

    def view(self) -> np.ndarray:
        if len(self.parts) != 1:
            whole = np.concatenate(self.parts, axis=1) if self.parts else None
            self.parts = [whole] if whole is not None else [np.zeros((self.tracks, 0), "f4")]
        return self.parts[0]

    def take(self, n: int) -> np.ndarray:
        """The first n samples, removed from the buffer."""
        whole = self.view()
        head, rest = whole[:, :n], whole[:, n:]
        self.parts = [np.ascontiguousarray(rest)] if rest.shape[1] else []
        self.samples -= head.shape[1]
        self.offset += head.shape[1]
        return head


class _Run:
    """One call's recognition state: segments per channel and the language heard."""

    def __init__(self, model, options: AsrSettings, tracks: int, language: str | None) -> None:
        self.model = model
        self.options = options
        self.tracks = tracks
        self.language = language
        self.fixed_language = language is not None
        self.per_channel: list[list[Segment]] = [[] for _ in range(tracks)]
        self._detected: list[tuple[float, str]] = []

    def sequential(self, audio: np.ndarray) -> None:
        """Each channel whole, one after the other: faster-whisper's own path for short calls."""
        for channel in range(self.tracks):
            segments, info = self.model.transcribe(
                audio[channel],
                language=self.language,
                beam_size=self.options.beam_size,
                word_timestamps=True,
                vad_filter=self.options.vad_filter,
                condition_on_previous_text=False,
            )
            role = role_for(channel, self.tracks)
            found = [_segment(s, role, channel, float) for s in segments]
            self.per_channel[channel] += [s for s in found if s.text]
            if found:
                self._detected.append((info.language_probability, info.language))
        if not self.fixed_language and self._detected:
            self.language = max(self._detected)[1]

    def window(self, buffer: _Buffer, *, final: bool) -> None:
        """Transcribe the buffer up to a cut in silence (all of it when final), batched."""
        from faster_whisper.vad import get_speech_timestamps

        audio = buffer.view()
        length = audio.shape[1]
        speech = [get_speech_timestamps(audio[t], _vad_options()) for t in range(self.tracks)]
        window = int(self.options.window_s * SAMPLE_RATE)
        cut = length if final else cut_point(speech, length, guard=SAMPLE_RATE, window=window)
        if cut is None:
            return  # no silence late enough yet: wait for the next block
        runs = [runs_before(found, cut) for found in speech]
        if self.options.batch_size > 1:
            self._batched(audio[:, :cut], runs, buffer.offset_s)
        else:
            self._packed(audio[:, :cut], runs, buffer.offset_s)
        buffer.take(cut)

    def _packed(self, audio: np.ndarray, speech: list[list[Clip]], offset_s: float) -> None:
        # batch_size 1: each channel's speech in the window packed together (silence
        # dropped, as faster-whisper's VAD filter does) and decoded with the sequential
        # seek loop; times mapped back through the runs.
        for track, runs in enumerate(speech):
            if not runs:
                continue
            packed = np.concatenate([audio[track, r.start : r.end] for r in runs])
            segments, info = self.model.transcribe(
                packed,
                language=self.language,
                beam_size=self.options.beam_size,
                word_timestamps=True,
                vad_filter=False,
                condition_on_previous_text=False,
            )

            def call_time(t: float, runs=runs) -> float:
                return offset_s + unpack(runs, round(t * SAMPLE_RATE)) / SAMPLE_RATE

            role = role_for(track, self.tracks)
            found = [_segment(s, role, track, call_time) for s in segments]
            self.per_channel[track] += [s for s in found if s.text]
            if found and not self.fixed_language:
                self._detected.append((info.language_probability, info.language))
        if not self.fixed_language and self._detected:
            self.language = max(self._detected)[1]  # heard in the first window, kept
            self.fixed_language = True

    def _batched(self, audio: np.ndarray, speech: list[list[Clip]], offset_s: float) -> None:
        # Every channel's speech in one batched call: each clip is one channel's speech runs
        # packed together (silence dropped), at most 30 seconds of it. A clip's decoding is
        # one pass (no seek loop as on the sequential path), and Whisper sometimes stops
        # early or skips words after a pause: speech that no word covers goes into another
        # round, each clip's leftovers a clip of their own (leftovers of different clips
        # packed together are fragments without context, and Whisper hears them worse).
        longest, slack = int(CLIP_S * SAMPLE_RATE), int(RETRY_MIN_S * SAMPLE_RATE)
        todo = [(t, group) for t, found in enumerate(speech) for group in pack(found, longest)]
        for _ in range(RETRY_ROUNDS + 1):
            if not todo:
                break
            heard = self._decode(audio, todo, offset_s)
            retry: list[tuple[int, list[Clip]]] = []
            for (track, runs), segments in zip(todo, heard, strict=True):
                self.per_channel[track] += [s for s in segments if s.text]
                if not segments:
                    continue  # nothing said: the same input would give the same nothing
                spans = [
                    (
                        round((w.start - offset_s) * SAMPLE_RATE),
                        round((w.end - offset_s) * SAMPLE_RATE),
                    )
                    for s in segments
                    for w in (s.words or (s,))
                ]
                left = unheard(runs, close_gaps(spans, slack), slack)
                retry += [(track, g) for g in pack(left, longest)]
            todo = retry

    def _decode(
        self, audio: np.ndarray, clips: list[tuple[int, list[Clip]]], offset_s: float
    ) -> list[list[Segment]]:
        """Each clip's segments, in call time, from one batched call."""
        from faster_whisper import BatchedInferencePipeline

        if self.language is None and not self.model.model.is_multilingual:
            self.language = "en"
        pieces, bounds, at = [], [], 0
        for track, runs in clips:
            for run in runs:
                pieces.append(audio[track, run.start : run.end])
            size = sum(r.end - r.start for r in runs)
            bounds.append((at, at + size))
            at += size
        pipeline = BatchedInferencePipeline(self.model)
        segments, info = pipeline.transcribe(
            np.concatenate(pieces),
            language=self.language,
            beam_size=self.options.beam_size,
            word_timestamps=True,
            vad_filter=False,
            clip_timestamps=[{"start": a / SAMPLE_RATE, "end": b / SAMPLE_RATE} for a, b in bounds],
            batch_size=self.options.batch_size,
            # A clip says at most so much: a decoding that loops on a phrase stops there
            # instead of running to Whisper's 448 tokens (what made retry rounds slow).
            max_new_tokens=min(
                TOKENS_PER_S * max(b - a for a, b in bounds) // SAMPLE_RATE + 24, 220
            ),
            # No timestamp tokens: fewer tokens to decode, and a clip's decoding runs on past
            # its pauses instead of ending at one. Word times come from the alignment, and
            # each clip's one segment is cut at sentence ends and pauses (split_segment).
            without_timestamps=True,
        )
        heard: list[list[Segment]] = [[] for _ in clips]
        starts = [a for a, _ in bounds]
        for seg in segments:
            # By its middle: its start may round to just before its clip's first sample.
            middle = round((float(seg.start) + float(seg.end)) / 2 * SAMPLE_RATE)
            i = max(bisect.bisect_right(starts, middle) - 1, 0)
            track, runs = clips[i]
            base = starts[i]

            def call_time(t: float, runs=runs, base=base) -> float:
                return offset_s + unpack(runs, round(t * SAMPLE_RATE) - base) / SAMPLE_RATE

            whole = _segment(seg, role_for(track, self.tracks), track, call_time)
            heard[i] += split_segment(whole, [w.word for w in seg.words or ()])
        if not self.fixed_language:
            self.language = info.language  # heard in the first window, kept for the rest
            self.fixed_language = True
        return heard


@cache
def _vad_options():
    # What BatchedInferencePipeline uses on its own: speech runs of at most one clip.
    from faster_whisper.vad import VadOptions

    return VadOptions(max_speech_duration_s=CLIP_S, min_silence_duration_ms=160)


def _segment(seg, role: str, channel: int, call_time: Callable[[float], float]) -> Segment:
    # A faster-whisper segment with its times (and its words' times) mapped to the call's.
    words = tuple(
        Word(
            start=round(call_time(float(w.start)), 3),
            end=round(call_time(float(w.end)), 3),
            text=w.word.strip(),
            probability=round(float(w.probability), 4),
        )
        for w in (seg.words or ())
    )
    return Segment(
        start=round(call_time(float(seg.start)), 3),
        end=round(call_time(float(seg.end)), 3),
        text=seg.text.strip(),
        speaker=role,
        channel=channel,
        words=words,
    )


def transcriber_from(
    settings: AsrSettings, max_duration_s: float = MAX_DURATION_S
) -> WhisperTranscriber:
    """The transcriber the configuration describes."""
    return WhisperTranscriber(settings, max_duration_s)
