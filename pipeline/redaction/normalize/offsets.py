"""Normalized text with an exact map from each of its characters back to the original."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NormalizedText:
    """`text` rewritten from `original`; its character i came from original[starts[i]:ends[i]].

    Copied characters map to themselves; characters written for a spoken word ("7" for "sju",
    "@" for "snabel-a") map to the whole word, so a span mapped back never cuts a spoken word.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> NormalizedText:
        """The text unchanged, each character mapped to itself."""
        return cls(text, text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))

    @property
    def changed(self) -> bool:
        """True when normalization rewrote anything."""
        return self.text != self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the range [start, end) of `text` to the smallest original range that produced it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"range {start}..{end} is outside the normalized text")
        return self.starts[start], self.ends[end - 1]


class OffsetMapBuilder:
    """Builds a NormalizedText piece by piece, in original order."""

    def __init__(self, original: str) -> None:
        self._original = original
        self._chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def copy(self, start: int, end: int) -> None:
        """Append original[start:end] unchanged."""
        self._chars.append(self._original[start:end])
        self._starts.extend(range(start, end))
        self._ends.extend(range(start + 1, end + 1))

    def emit(self, text: str, start: int, end: int) -> None:
        """Append `text`, every character of it produced by original[start:end]."""
        self._chars.append(text)
        self._starts.extend([start] * len(text))
        self._ends.extend([end] * len(text))

    def build(self) -> NormalizedText:
        """The finished NormalizedText."""
        return NormalizedText(
            self._original, "".join(self._chars), tuple(self._starts), tuple(self._ends)
        )
