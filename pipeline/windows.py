"""Where a long call is cut into windows (in silence on every channel) and grouped into clips."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Clip:
    """Samples [start, end) of one channel, transcribed as one batch item."""

    start: int
    end: int


def cut_point(
    speech: Sequence[Sequence[Mapping[str, int]]], length: int, *, guard: int, window: int
) -> int | None:
    """The sample at which to end this window, or None to wait for more audio.

    `speech` holds each channel's VAD speech runs ({"start", "end"} in samples, padded). The
    cut is the middle of the last stretch where every channel is silent, so no word is split
    and none is heard twice; a stretch must end `guard` samples before the buffer's end, where
    a word may be starting that the VAD cannot hear yet. A cut in the first half of the
    buffer would make a short window: wait instead, until the buffer holds two windows. Only
    speech with no common pause in that long is cut hard, at the guard.
    """
    runs = sorted((int(r["start"]), int(r["end"])) for found in speech for r in found)
    busy: list[list[int]] = []
    for start, end in runs:
        if busy and start < busy[-1][1]:
            busy[-1][1] = max(busy[-1][1], end)
        else:
            busy.append([start, end])
    limit = length - guard
    best = None
    quiet_from = 0
    for start, end in busy:
        if start > limit:
            break
        if start > quiet_from or (start == quiet_from and quiet_from > 0):
            best = (quiet_from + start) // 2
        quiet_from = end
    if quiet_from < limit:
        best = (quiet_from + limit) // 2 if busy else limit
    if best is not None and best >= length // 2:
        return best
    if length >= 2 * window:
        return best if best else limit
    return None


def runs_before(speech: Sequence[Mapping[str, int]], cut: int) -> list[Clip]:
    """One channel's VAD speech runs before `cut`; one that crosses it (a hard cut) trimmed."""
    return [Clip(int(r["start"]), min(int(r["end"]), cut)) for r in speech if int(r["start"]) < cut]


def group(runs: Sequence[Clip], longest: int) -> list[Clip]:
    """Sorted runs of one channel joined into clips of at most `longest` samples."""
    clips: list[Clip] = []
    for run in runs:
        if clips and run.end - clips[-1].start <= longest:
            clips[-1] = Clip(clips[-1].start, max(clips[-1].end, run.end))
        else:
            clips.append(run)
    return clips


def unheard(runs: Sequence[Clip], heard: Sequence[tuple[int, int]], slack: int) -> list[Clip]:
    """The parts of speech `runs` that no `heard` span covers and that last over `slack`."""
    left: list[Clip] = []
    spans = sorted(heard)
    for run in runs:
        at = run.start
        for start, end in spans:
            if end <= at or start >= run.end:
                continue
            if start - at > slack:
                left.append(Clip(at, start))
            at = max(at, end)
        if run.end - at > slack:
            left.append(Clip(at, run.end))
    return left
