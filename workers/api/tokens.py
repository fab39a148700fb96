"""Bearer tokens for the API: one role each, stored only as hashes in a 0600 file."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.errors import InvalidRequest
from pipeline.events import utcnow
from pipeline.ids import validate_id

ROLES = ("recorder", "agent", "operator", "privacy", "trainer")
TOKEN_PREFIX = "vst_"


class UnknownToken(InvalidRequest):
    """No live token has this name."""

    reason = "unknown_token"


@dataclass(frozen=True)
class Token:
    """A token's record: its name, role and hash; never the token itself."""

    name: str
    role: str
    sha256: str
    created_at: str
    revoked_at: str | None = None


def token_hash(token: str) -> str:
    """The stored form of a token; tokens carry 256 random bits, so a plain hash suffices."""
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    """The token file (`api-tokens.json` in the data folder), re-read when it changes, so a
    revocation takes effect in a running server at its next request."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._by_hash: dict[str, Token] = {}

    def _read(self) -> list[Token]:
        if not self.path.exists():
            return []
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return [Token(**t) for t in data["tokens"]]

    def _write(self, tokens: list[Token]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"tokens": [asdict(t) for t in tokens]}, fh, indent=2, sort_keys=True)
        os.replace(tmp, self.path)

    def create(self, role: str, name: str) -> str:
        """Make a token for `role` under a new `name`; returns the token (shown once)."""
        if role not in ROLES:
            raise InvalidRequest(f"role must be one of {', '.join(ROLES)}", reason="invalid_role")
        validate_id(name, what="token name")
        tokens = self._read()
        if any(t.name == name and t.revoked_at is None for t in tokens):
            raise InvalidRequest("a live token with this name exists", reason="token_exists")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        created = utcnow().isoformat(timespec="seconds")
        self._write([*tokens, Token(name, role, token_hash(token), created)])
        return token

    def revoke(self, name: str) -> None:
        """Revoke every live token with this name."""
        validate_id(name, what="token name")
        tokens = self._read()
        if not any(t.name == name and t.revoked_at is None for t in tokens):
            raise UnknownToken("no live token with this name")
        now = utcnow().isoformat(timespec="seconds")
        self._write(
            [
                Token(t.name, t.role, t.sha256, t.created_at, now)
                if t.name == name and t.revoked_at is None
                else t
                for t in tokens
            ]
        )

    def list(self) -> list[Token]:
        """Every token ever made, revoked ones included."""
        return self._read()

    def verify(self, token: str) -> Token | None:
        """The live token this bearer value is, or None (unknown or revoked)."""
        with self._lock:
            try:
                stat = self.path.stat()
                seen = (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                seen = None
            if seen != self._seen:
                self._by_hash = {t.sha256: t for t in self._read()}
                self._seen = seen
            found = self._by_hash.get(token_hash(token))
        return found if found is not None and found.revoked_at is None else None
