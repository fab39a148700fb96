"""The embedded mode's audit log: an append-only JSON-lines file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.audit import AuditRecord


class JsonlAuditLog:
    """Appends one JSON line per record and syncs it to disk."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def append(self, record: AuditRecord) -> None:
        line = json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False) + "\n"
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[dict]:
        """Every record so far (for tests and the report command)."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]
