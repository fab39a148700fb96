"""Phone numbers: libphonenumber's matcher over Nordic and common regions, plus digit runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import phonenumbers

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import (
    CONTEXT_BOOST,
    ContextWords,
    Pattern,
    PatternRecognizer,
)
from pipeline.redaction.span import Span

DEFAULT_REGIONS: tuple[str, ...] = ("SE", "NO", "DK", "FI", "GB", "US", "DE")
VALID_SCORE = 0.75

PHONE_CONTEXT: tuple[str, ...] = (
    "phone",
    "telephone",
    "mobile",
    "cell",
    "number",
    "call",
    "reach me",
    "text me",
    "telefon",
    "mobil",
    "nummer",
    "numret",
    "ring",
    "nå mig",
    "sms",
)

_GROUPS = r"\(?\d{1,4}\)?(?:[ -]\(?\d{1,4}\)?){2,6}(?!\w)"

# Numbers libphonenumber does not call valid. Those that start like a phone number (0, 00, +)
# score low on their own; other digit runs count as phones only near a phone word, and are
# otherwise left to the NUMBER safety net.
_DIGIT_PATTERNS = (
    Pattern("trunk_digits", r"(?<![\w+])(?:\+|0)\d{6,14}(?!\w)", 0.4),
    Pattern("trunk_groups", r"(?<![\w+])(?:\+\d{1,3}[ -]|(?=\(?0))" + _GROUPS, 0.35),
    Pattern("digits", r"(?<![\w+])\d{7,15}(?!\w)", 0.7, needs_context=True),
    Pattern("groups", r"(?<![\w+])" + _GROUPS, 0.65, needs_context=True),
)


@dataclass(frozen=True)
class PhoneRecognizer:
    """Phone numbers libphonenumber calls valid in any configured region, plus digit runs."""

    regions: Sequence[str] = DEFAULT_REGIONS
    name: str = "phone"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = True
    _digits: PatternRecognizer = field(init=False, repr=False, compare=False)
    _context: ContextWords = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_context", ContextWords(PHONE_CONTEXT))
        digits = PatternRecognizer(
            name="phone_digits",
            entity_type=EntityType.PHONE,
            patterns=_DIGIT_PATTERNS,
            context=PHONE_CONTEXT,
        )
        object.__setattr__(self, "_digits", digits)

    def analyze(self, text: str) -> list[Span]:
        """Return validated numbers at VALID_SCORE (boosted near context) and digit-run spans."""
        found: dict[tuple[int, int], Span] = {}
        for region in self.regions:
            matcher = phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.VALID
            )
            for match in matcher:
                key = (match.start, match.end)
                if key not in found:
                    found[key] = self._validated(text, match.start, match.end)
        return [*found.values(), *self._digits.analyze(text)]

    def _validated(self, text: str, start: int, end: int) -> Span:
        score = VALID_SCORE
        if self._context.found_around(text, start, end):
            score = min(1.0, score + CONTEXT_BOOST)
        return Span(start, end, str(EntityType.PHONE), score, self.name)
