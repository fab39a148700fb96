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
    cut is the middle of the longest stretch in the buffer's second half where every channel
    is silent, so no word is split and none is heard twice. A stretch must end `guard`
    samples before the buffer's end, where a word may be starting that the VAD cannot hear
    yet. Two runs that touch (the VAD split a short pause between them) count as a pause of
    no length: a cut there only when there is no real pause. With no pause in the second
    half, wait for more audio, until the buffer holds two windows; then take the longest
    pause anywhere, and only speech with no pause at all is cut hard, at the guard.
    """
    runs = sorted((int(r["start"]), int(r["end"])) for found in speech for r in found)
    busy: list[list[int]] = []
    for start, end in runs:
        if busy and start < busy[-1][1]:
            busy[-1][1] = max(busy[-1][1], end)
        else:
            busy.append([start, end])
    limit = length - guard
    pauses: list[tuple[int, int]] = []  # (length of the pause, its middle)
    quiet_from = 0
    for start, end in busy:
        if start > limit:
            break
        if start > quiet_from or (start == quiet_from and quiet_from > 0):
            pauses.append((start - quiet_from, (quiet_from + start) // 2))
        quiet_from = end
    if quiet_from < limit:
        pauses.append((limit - quiet_from, (quiet_from + limit) // 2 if busy else limit))
    late = [p for p in pauses if p[1] >= length // 2]
    if late:
        return max(late)[1]
    if length >= 2 * window:
        usable = [p for p in pauses if p[1] > 0]
        return max(usable)[1] if usable else limit
    return None


def runs_before(speech: Sequence[Mapping[str, int]], cut: int) -> list[Clip]:
    """One channel's VAD speech runs before `cut`; one that crosses it (a hard cut) trimmed."""
    return [Clip(int(r["start"]), min(int(r["end"]), cut)) for r in speech if int(r["start"]) < cut]


def close_gaps(spans: Sequence[tuple[int, int]], slack: int) -> list[tuple[int, int]]:
    """Heard spans (words) merged where the gap between them is at most `slack` samples:
    too short to hold a skipped word."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start - joined[-1][1] <= slack:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


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


def pack(runs: Sequence[Clip], longest: int) -> list[list[Clip]]:
    """Runs of one channel, in time order, in groups whose speech (silence between dropped)
    fits `longest` samples: each group is heard as one clip, as faster-whisper packs VAD
    chunks. The runs may come in any order (the leftovers of several clips)."""
    groups: list[list[Clip]] = []
    held = 0
    for run in sorted(runs, key=lambda r: r.start):
        size = run.end - run.start
        if groups and held + size <= longest:
            groups[-1].append(run)
            held += size
        else:
            groups.append([run])
            held = size
    return groups


def unpack(runs: Sequence[Clip], at: int) -> int:
    """The sample of the call that sample `at` of the packed runs came from."""
    for run in runs:
        size = run.end - run.start
        if at < size:
            return run.start + max(at, 0)
        at -= size
    return runs[-1].end if runs else at
