"""Decoded audio handed from the transcribe stage to the redact stage of the same process."""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from pathlib import Path


class PcmSpool:
    """16 kHz WAV files of recently transcribed calls, by audio key, in a private folder.

    The transcribe stage decodes a recording once and writes its PCM here; the redact stage
    running next in the same process covers that instead of fetching and decoding the
    original again. Files are on disk, not in memory, so a long call costs no RAM. Only the
    `keep` latest are held (the oldest deleted first), each is deleted once used, and the
    folder goes when the spool is closed or collected: it holds personal data.
    """

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._dir = Path(tempfile.mkdtemp(prefix="varsam-pcm-"))
        self._files: OrderedDict[str, Path] = OrderedDict()
        self._lock = threading.Lock()
        self._count = 0
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, True)

    def reserve(self, audio_key: str) -> Path:
        """A path to write the PCM of `audio_key` to; the entry counts once written."""
        with self._lock:
            self._drop(audio_key)
            self._count += 1
            path = self._dir / f"{self._count}.wav"
            self._files[audio_key] = path
            while len(self._files) > self.keep:
                _, old = self._files.popitem(last=False)
                old.unlink(missing_ok=True)
            return path

    def take(self, audio_key: str) -> Path | None:
        """The PCM file of `audio_key` if one was written; the caller deletes it (discard)."""
        with self._lock:
            path = self._files.get(audio_key)
        return path if path is not None and path.is_file() and path.stat().st_size > 44 else None

    def discard(self, audio_key: str) -> None:
        """Delete the PCM file of `audio_key`, if any."""
        with self._lock:
            self._drop(audio_key)

    def discard_prefix(self, prefix: str) -> None:
        """Delete the PCM files of every audio key under `prefix` (a call's folder)."""
        with self._lock:
            for key in [k for k in self._files if k.startswith(prefix)]:
                self._drop(key)

    def _drop(self, audio_key: str) -> None:
        path = self._files.pop(audio_key, None)
        if path is not None:
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        """Delete every file (the folder stays for the next calls)."""
        with self._lock:
            for key in list(self._files):
                self._drop(key)

    def close(self) -> None:
        """Delete every file and the folder."""
        self._cleanup()
