"""Progress lines: drawn on a terminal, silent when output goes to a pipe or a log."""

from __future__ import annotations

import io

from workers.cli.progress import WorkProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_output_is_not_a_terminal():
    out = io.StringIO()
    with WorkProgress("calls", 3, stream=out) as progress:
        progress.advance(120.0, 30.0)
    assert out.getvalue() == ""
    assert (progress.audio_s, progress.asr_s) == (120.0, 30.0)


def test_progress_on_a_terminal_shows_calls_audio_and_real_time_factor():
    out = Terminal()
    with WorkProgress("calls", 2, stream=out) as progress:
        progress.advance(120.0, 30.0)
    shown = out.getvalue()
    assert "1/2" in shown and "120 s audio" in shown and "RTF 0.250" in shown
