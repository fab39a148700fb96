"""The embedded mode's audit log: an append-only JSON-lines file, and its pseudonym key."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from pathlib import Path

from pipeline.audit import AuditRecord
from pipeline.errors import InvalidRequest
from workers.adapters.private_files import FILE_MODE, private_dir

# Below this, pseudonyms of customer ids could be recomputed by guessing the key.
MIN_AUDIT_KEY_BYTES = 16


class WeakAuditKey(InvalidRequest):
    """An audit key file that is empty, unreadable as hex or too short to keep pseudonyms safe."""

    reason = "weak_audit_key"


class JsonlAuditLog:
    """Appends one JSON line per record and syncs it to disk; the file is 0600."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        private_dir(self.path.parent)

    def append(self, record: AuditRecord) -> None:
        line = json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False) + "\n"
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self.path, flags, FILE_MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, FILE_MODE)
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[dict]:
        """Every record so far (for tests and the report command)."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]


def audit_key(path: Path) -> bytes:
    """The installation's audit key at `path`, created on first use; WeakAuditKey if unfit.

    Created whole or not at all: the key is written to a private temporary file and linked
    into place, so a second process never reads a half-written (empty) key, and of two
    processes creating it at once one wins and both use its key.
    """
    path = Path(path)
    if not path.exists():
        fd, tmp = tempfile.mkstemp(prefix=".audit.key.", dir=path.parent)
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise WeakAuditKey(f"{path} is not a hex key; move it away to make a new one") from None
    if len(key) < MIN_AUDIT_KEY_BYTES:
        raise WeakAuditKey(
            f"{path} holds a key shorter than {MIN_AUDIT_KEY_BYTES} bytes; move it away to make"
            " a new one (pseudonyms in the audit trail change with it)"
        )
    return key
