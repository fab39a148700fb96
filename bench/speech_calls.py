"""Long benchmark calls built at bench time from committed English speech and silence."""

from __future__ import annotations

import json
import re
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REAL_SPEECH = ROOT / "bench" / "real_speech"
RATE = 16_000
# What a call is built from: the espeak-ng sample calls, or recordings of people (LibriVox
# readings and CMU test commands, bench/real_speech/README.md).
SOURCES = ("espeak", "real")


@dataclass(frozen=True)
class Utterance:
    """One speaker's stretch of committed speech and the words that were synthesised."""

    samples: np.ndarray
    text: str


def utterances(source: str = "espeak") -> list[Utterance]:
    """The utterances a call is built from, each with what was said.

    `espeak`: each English sample call's channel of speech (the stereo call gives two), with
    its script (espeak-ng speech, samples/README.md). `real`: the recordings of people in
    bench/real_speech, with their transcripts.
    """
    from faster_whisper import decode_audio

    if source == "real":
        listed = json.loads((REAL_SPEECH / "manifest.json").read_text(encoding="utf-8"))
        return [
            Utterance(_trim(decode_audio(str(REAL_SPEECH / item["file"]))), item["text"])
            for item in listed
        ]
    if source != "espeak":
        raise ValueError(f"unknown speech source {source!r}: one of {', '.join(SOURCES)}")

    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    found = []
    for call in manifest:
        if call["language"] != "en":
            continue
        path = str(SAMPLES / call["file"])
        if call["layout"] == "stereo":
            left, right = decode_audio(path, split_stereo=True)
            for audio, who in ((left, "agent"), (right, "customer")):
                said = " ".join(t["text"] for t in call["script"] if t["speaker"] == who)
                found.append(Utterance(_trim(audio), said))
        else:
            said = " ".join(t["text"] for t in call["script"])
            found.append(Utterance(_trim(decode_audio(path)), said))
    return found


def _trim(audio: np.ndarray) -> np.ndarray:
    # Leading and trailing silence off, so the gaps between utterances are ours to set.
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    return audio[max(loud[0] - 1600, 0) : loud[-1] + 1600] if len(loud) else audio


@dataclass
class Call:
    """A built call: its tracks (1 or 2), and the words said on each track."""

    tracks: np.ndarray
    said: list[str]

    @property
    def seconds(self) -> float:
        return self.tracks.shape[1] / RATE

    def write(self, path: Path) -> Path:
        with wave.open(str(path), "wb") as out:
            out.setnchannels(self.tracks.shape[0])
            out.setsampwidth(2)
            out.setframerate(RATE)
            step = 60 * RATE  # a minute at a time: a 2-hour call is not copied whole
            for at in range(0, self.tracks.shape[1], step):
                pcm = np.clip(self.tracks[:, at : at + step].T, -1.0, 1.0) * 32767
                out.writeframes(pcm.astype("<i2").tobytes())
        return path


def build_call(seconds: float, *, stereo: bool, gap_s: float = 1.0, source: str = "espeak") -> Call:
    """Utterances in turn, `gap_s` of silence between them, until `seconds` are filled.

    Stereo: the turns alternate between the channels, the other one silent (as a call with
    one party per channel is). Mono: the same turns on one track.
    """
    return spread_call(seconds, stereo=stereo, speech_every_s=0.0, gap_s=gap_s, source=source)


def spread_call(
    seconds: float,
    *,
    stereo: bool,
    speech_every_s: float,
    gap_s: float = 1.0,
    source: str = "espeak",
) -> Call:
    """As build_call, but an utterance starts only every `speech_every_s` seconds, silence
    between: speech spread through a long call rather than packed at its start."""
    pieces = utterances(source)
    total = int(seconds * RATE)
    tracks = np.zeros((2 if stereo else 1, total), dtype=np.float32)
    said = [[] for _ in range(tracks.shape[0])]
    at, turn = 0, 0
    while True:
        piece = pieces[turn % len(pieces)]
        if at + len(piece.samples) > total:
            break
        track = turn % tracks.shape[0]
        tracks[track, at : at + len(piece.samples)] = piece.samples
        said[track].append(piece.text)
        step = len(piece.samples) + int(gap_s * RATE)
        at += max(step, int(speech_every_s * RATE))
        turn += 1
    return Call(tracks, [" ".join(s) for s in said])


# Written forms Whisper prefers, mapped to the spoken forms the transcripts have.
_SPOKEN = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint"}


def words(text: str) -> list[str]:
    """Words for word error rates: lower case, no punctuation, numbers as digits.

    Both sides go through the same normalisation, so "ten" and "10", or "Mr." and "mister",
    are the same word (a small cousin of Whisper's own English text normaliser).
    """
    from text_to_num import alpha2digit

    text = alpha2digit(text.lower().replace("-", " "), "en")
    found = re.findall(r"[a-z0-9']+", text)
    return [_SPOKEN.get(w, w) for w in found]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference's length."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return float(len(hyp) > 0)
    previous = np.arange(len(hyp) + 1)
    for i, word in enumerate(ref, 1):
        current = np.empty_like(previous)
        current[0] = i
        match = np.array([word != h for h in hyp], dtype=np.int64)
        diagonal = previous[:-1] + match
        for j in range(1, len(hyp) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, diagonal[j - 1])
        previous = current
    return float(previous[-1]) / len(ref)
