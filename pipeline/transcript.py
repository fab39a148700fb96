"""Transcripts: words and segments with speaker roles, stereo merge, and their JSON form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

# Stereo layout: agent on the left channel, customer on the right.
STEREO_ROLES = ("agent", "customer")
MONO_ROLE = "mixed"


@dataclass(frozen=True)
class Word:
    """One recognised word with its time span (seconds) and the model's probability."""

    start: float
    end: float
    text: str
    probability: float = 1.0


@dataclass(frozen=True)
class Segment:
    """A stretch of speech from one channel, with its words."""

    start: float
    end: float
    text: str
    speaker: str
    channel: int = 0
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Transcript:
    """The raw transcript of a call: restricted, it holds personal data."""

    call_id: str
    language: str
    duration_s: float
    segments: tuple[Segment, ...]
    asr_model: str
    asr_versions: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole transcript as one string, segments joined by spaces."""
        return " ".join(s.text for s in self.segments)

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored at calls/{id}/transcript/raw.json."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Transcript:
        """Rebuild a transcript from its stored JSON form."""
        segments = tuple(
            Segment(
                **{k: v for k, v in s.items() if k != "words"},
                words=tuple(Word(**w) for w in s.get("words", ())),
            )
            for s in data["segments"]
        )
        return cls(
            call_id=data["call_id"],
            language=data["language"],
            duration_s=data["duration_s"],
            segments=segments,
            asr_model=data["asr_model"],
            asr_versions=dict(data.get("asr_versions", {})),
        )


# Where a segment heard as one long stretch is cut into sentence-sized ones.
SENTENCE_END = (".", "?", "!")
PAUSE_S = 1.0


def split_segment(
    segment: Segment, spoken: Sequence[str] | None = None, pause_s: float = PAUSE_S
) -> list[Segment]:
    """A segment cut at its words' sentence ends and at pauses of `pause_s` or more.

    Batched decoding hears a clip of up to 30 seconds as one segment; cut like this, its
    segments read as the sequential path's do (a sentence or a turn each), and their times
    are their words' times. `spoken` holds the words as the recognizer wrote them, leading
    space included ("0", "-7"), one per word: a part's text is them joined, as Whisper's
    segment text is; without it, the words joined by spaces. A segment without words is
    kept whole.
    """
    if not segment.words:
        return [segment]
    written = list(spoken) if spoken is not None else [" " + w.text for w in segment.words]
    pieces: list[list[int]] = [[]]
    for i, word in enumerate(segment.words):
        last = segment.words[pieces[-1][-1]] if pieces[-1] else None
        if last is not None and (
            last.text.endswith(SENTENCE_END) or word.start - last.end >= pause_s
        ):
            pieces.append([])
        pieces[-1].append(i)
    return [
        Segment(
            start=segment.words[part[0]].start,
            end=segment.words[part[-1]].end,
            text="".join(written[i] for i in part).strip(),
            speaker=segment.speaker,
            channel=segment.channel,
            words=tuple(segment.words[i] for i in part),
        )
        for part in pieces
    ]


def merge_channels(channels: list[list[Segment]]) -> tuple[Segment, ...]:
    """Interleave per-channel segments by start time (ties: lower channel first)."""
    merged = [seg for segs in channels for seg in segs]
    return tuple(sorted(merged, key=lambda s: (s.start, s.channel, s.end)))


def role_for(channel: int, channels: int) -> str:
    """The speaker role of a channel in a mono or stereo layout."""
    if channels == 1:
        return MONO_ROLE
    return STEREO_ROLES[channel] if channel < len(STEREO_ROLES) else f"channel{channel}"


class Transcriber(Protocol):
    """Speech recognition as the transcribe stage sees it (models.asr implements it)."""

    name: str

    def transcribe(
        self,
        audio: Path,
        *,
        call_id: str,
        stereo: bool,
        language: str | None,
        keep_pcm: Path | None = None,
    ) -> Transcript:
        """Transcribe a recording; stereo means agent left, customer right.

        With `keep_pcm`, also write the decoded audio there (16 kHz 16-bit WAV, the
        recording's layout) for audio redaction; a transcriber may leave it unwritten.
        """
