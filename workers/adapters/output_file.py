"""Files varsam writes where a user points it (exports): new, private, in place only when whole."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from pipeline.errors import InvalidRequest


class UnsafeOutput(InvalidRequest):
    """An output path that is a link, a folder or a device: never written through."""

    reason = "unsafe_output"


def check_output(out: Path) -> None:
    """UnsafeOutput unless `out` is missing or a regular file (a link is never followed)."""
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UnsafeOutput(f"{out} is a symbolic link; give the path of a regular file")
    if stat.S_ISDIR(mode):
        raise UnsafeOutput(f"{out} is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise UnsafeOutput(f"{out} is not a regular file")


@contextmanager
def replacing(out: Path) -> Iterator[TextIO]:
    """Write a file that takes the place of `out` only once complete; nothing left on failure.

    The text goes to a temporary file created exclusively (O_EXCL, O_NOFOLLOW, 0600, under a
    random name) in `out`'s folder, so a link planted there is never followed, and is renamed
    over `out` at the end.
    """
    out = Path(out)
    check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_output(out)  # once more, just before the rename
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
