"""The embedded mode's object store: a local folder, with atomic, owner-only writes."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pipeline.storage import ObjectNotFound
from workers.adapters.private_files import private_dir


class LocalFolderStore:
    """An ObjectStore over a folder; keys are relative paths below it."""

    def __init__(self, root: Path) -> None:
        self.root = private_dir(Path(root))

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/") or not key:
            raise ValueError("object key escapes the store")
        return self.root / key

    def _write_atomically(self, key: str, write) -> None:
        target = self._path(key)
        if not target.parent.is_dir():
            private_dir(target.parent)
        # mkstemp makes the file 0600 whatever the umask, and the rename keeps that mode.
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        os.close(fd)
        try:
            write(Path(tmp))
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def put_bytes(self, key: str, data: bytes) -> None:
        self._write_atomically(key, lambda p: p.write_bytes(data))

    def put_file(self, key: str, path: Path) -> None:
        self._write_atomically(key, lambda p: shutil.copyfile(path, p))

    def get_bytes(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise ObjectNotFound(key) from None

    def fetch_to(self, key: str, path: Path) -> None:
        try:
            shutil.copyfile(self._path(key), path)
        except (FileNotFoundError, NotADirectoryError):
            raise ObjectNotFound(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str) -> list[str]:
        # Walk only the deepest folder the prefix names, not the whole store.
        base = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        start = self.root / base if base else self.root
        if not start.is_dir():
            return []
        found = []
        for dirpath, _dirs, files in os.walk(start):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            for name in files:
                if name.startswith(".tmp-"):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    found.append(key)
        return sorted(found)

    def list_modified(self, prefix: str) -> dict[str, datetime]:
        found = {}
        for key in self.list(prefix):
            with contextlib.suppress(FileNotFoundError):
                mtime = self._path(key).stat().st_mtime
                found[key] = datetime.fromtimestamp(mtime, UTC)
        return found

    def delete(self, key: str) -> bool:
        path = self._path(key)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        self._prune(path.parent)
        return True

    def _prune(self, folder: Path) -> None:
        # Remove folders left empty, so a purged call leaves no trace of its id on disk.
        while folder != self.root:
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent
