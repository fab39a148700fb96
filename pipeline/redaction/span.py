"""The Span: the one thing that crosses between recognizers, the engine and operators."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of text [start, end) that holds an entity of `entity_type`.

    `recognizer` names what found it and `score` how sure it is; the value itself is never kept.
    """

    start: int
    end: int
    entity_type: str
    score: float = 1.0
    recognizer: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span must satisfy 0 <= start < end, got {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end
