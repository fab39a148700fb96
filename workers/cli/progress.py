"""Progress of long commands on a terminal (calls, audio seconds, real-time factor, time left)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class WorkProgress:
    """A progress bar on stderr while it is a terminal; silent otherwise (pipes, logs, CI).

    `advance` counts one item done, with the audio seconds it held and the seconds its
    recognition took; the line shows items done of the total, audio seconds, the real-time
    factor so far and the time left at the pace so far.
    """

    def __init__(self, what: str, total: int, *, stream: TextIO | None = None) -> None:
        stream = stream if stream is not None else sys.stderr
        self.enabled = total > 0 and stream.isatty()
        self.audio_s = self.asr_s = 0.0
        self._bar: Progress | None = None
        if self.enabled:
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[audio]}"),
                TextColumn("{task.fields[rtf]}"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(file=stream),
                transient=True,
            )
            self._task = self._bar.add_task(what, total=total, audio="", rtf="")

    def __enter__(self) -> WorkProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, audio_s: float = 0.0, asr_s: float = 0.0) -> None:
        """One more item done."""
        self.audio_s += audio_s
        self.asr_s += asr_s
        if self._bar is None:
            return
        audio = f"{self.audio_s:.0f} s audio" if self.audio_s else ""
        rtf = f"RTF {self.asr_s / self.audio_s:.3f}" if self.audio_s and self.asr_s else ""
        self._bar.update(self._task, advance=1, audio=audio, rtf=rtf)
