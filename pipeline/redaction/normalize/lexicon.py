"""The words of one language that are spoken digits and symbols, as data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpokenLexicon:
    """Spoken forms for one language; keys are lower case, multi-word keys use single spaces."""

    language: str
    digits: Mapping[str, str] = field(default_factory=dict)  # "sju" -> "7"
    # Digits that are also common words ("oh", "en"): they count only beside other digits.
    weak_digits: frozenset[str] = frozenset()
    repeaters: Mapping[str, int] = field(default_factory=dict)  # "double" -> 2
    symbols: Mapping[str, str] = field(default_factory=dict)  # "snabel-a" -> "@"
    number_prefixes: Mapping[str, str] = field(default_factory=dict)  # "plus" -> "+"

    @property
    def longest_symbol(self) -> int:
        """Number of words in the longest symbol phrase."""
        return max((len(key.split()) for key in self.symbols), default=1)


def combine(language: str, lexicons: Iterable[SpokenLexicon]) -> SpokenLexicon:
    """One lexicon holding every entry of `lexicons`; earlier ones win on conflicts."""
    ordered = list(lexicons)[::-1]
    weak = frozenset().union(*(lex.weak_digits for lex in ordered))
    strong = {word for lex in ordered for word in lex.digits if word not in lex.weak_digits}
    return SpokenLexicon(
        language=language,
        digits={k: v for lex in ordered for k, v in lex.digits.items()},
        weak_digits=weak - strong,
        repeaters={k: v for lex in ordered for k, v in lex.repeaters.items()},
        symbols={k: v for lex in ordered for k, v in lex.symbols.items()},
        number_prefixes={k: v for lex in ordered for k, v in lex.number_prefixes.items()},
    )
