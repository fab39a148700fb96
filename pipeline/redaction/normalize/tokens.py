"""Word and symbol tokens of a transcript with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Words (letters/digits, inner hyphens and apostrophes kept: "snabel-a", "070-123", "i's"),
# or any other single non-space character.
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|\S")


@dataclass(frozen=True)
class Token:
    """One token: original[start:end] == text."""

    text: str
    start: int
    end: int

    @cached_property
    def lower(self) -> str:
        """The token in lower case, for lexicon look-ups."""
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens; whitespace between them is not a token."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def only_space_between(text: str, left: Token, right: Token) -> bool:
    """True when nothing but whitespace separates two tokens."""
    return not text[left.end : right.start].strip()
