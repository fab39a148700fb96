"""The words of one language that are spoken numbers, letters, symbols and dates, as data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Evaluator = Literal["grammar", "text2num"]


@dataclass(frozen=True)
class SpokenLexicon:
    """Spoken forms for one language; keys are lower case, multi-word keys use single spaces."""

    language: str
    # Number morphemes and their values: "sju" -> 7, "tjugo" -> 20, "hundra" -> 100. Words
    # written together ("tjugotre", "nittonhundraåttioett") are split into these.
    numbers: Mapping[str, int] = field(default_factory=dict)
    # Words that join number words: "hundred and five", "en og tyve".
    connectors: frozenset[str] = frozenset()
    # Danish (and old Norwegian) put the unit first: "en og tyve" is 21.
    inverted: bool = False
    # "a hundred": words that stand for one before a scale word.
    scale_articles: frozenset[str] = frozenset()
    # Spoken zeros that only this package reads ("oh"): each is its own group "0".
    spoken_zeros: frozenset[str] = frozenset()
    # Number words that are also common words ("en", "oh", "nål"): they count only beside
    # other number words of the same language.
    weak_words: frozenset[str] = frozenset()
    # Common words of this language that are number or letter words in another one ("to",
    # "fire", "ni"); in a multi-language normalizer those become weak there.
    common_words: frozenset[str] = frozenset()
    evaluator: Evaluator = "grammar"
    repeaters: Mapping[str, int] = field(default_factory=dict)  # "double" -> 2
    symbols: Mapping[str, str] = field(default_factory=dict)  # "snabel-a" -> "@"
    number_prefixes: Mapping[str, str] = field(default_factory=dict)  # "plus" -> "+"
    letter_names: Mapping[str, str] = field(default_factory=dict)  # "äff" -> "f", "bravo" -> "b"
    # Letter names that are also words ("se", "de", "hotel"); they need stronger neighbours.
    weak_letters: frozenset[str] = frozenset()
    # "s as in Sam", "s som i Sigurd": the words between the letter and its example word.
    spelling_phrases: tuple[tuple[str, ...], ...] = ()
    ordinals: Mapping[str, int] = field(default_factory=dict)  # "tolfte" -> 12, day numbers
    months: frozenset[str] = frozenset()
    # Months that are also common words ("may", "march"): only with "of" or a capital letter.
    ambiguous_months: frozenset[str] = frozenset()
    date_articles: frozenset[str] = frozenset()  # "the", "den"
    date_links: frozenset[str] = frozenset()  # "of"

    @cached_property
    def longest_symbol(self) -> int:
        """Number of words in the longest symbol phrase."""
        return max((len(key.split()) for key in self.symbols), default=1)

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """First words of symbols and ordinals, to skip look-ups at other words."""
        return frozenset(key.split()[0] for key in (*self.symbols, *self.ordinals))


def combine(language: str, lexicons: Iterable[SpokenLexicon]) -> SpokenLexicon:
    """One lexicon holding the letters, symbols and dates of `lexicons`; earlier ones win.

    Numbers are not combined: each language reads its own with its own grammar.
    """
    ordered = list(lexicons)[::-1]

    def merged(name: str) -> dict:
        return {k: v for lex in ordered for k, v in getattr(lex, name).items()}

    def union(name: str) -> frozenset[str]:
        return frozenset().union(*(getattr(lex, name) for lex in ordered))

    strong_letters = {k for lex in ordered for k in lex.letter_names if k not in lex.weak_letters}
    return SpokenLexicon(
        language=language,
        repeaters=merged("repeaters"),
        symbols=merged("symbols"),
        number_prefixes=merged("number_prefixes"),
        letter_names=merged("letter_names"),
        weak_letters=union("weak_letters") - strong_letters,
        spelling_phrases=tuple(dict.fromkeys(p for lex in ordered for p in lex.spelling_phrases)),
        ordinals=merged("ordinals"),
        months=union("months"),
        ambiguous_months=union("ambiguous_months"),
        date_articles=union("date_articles"),
        date_links=union("date_links"),
    )


def compound_ordinals(
    tens: Mapping[str, int], units: Mapping[str, int], joiners: Iterable[str] = ("", " ", "-")
) -> dict[str, int]:
    """Day ordinals said as tens and a unit ordinal: "twenty first", "tjugoförsta" (to 31)."""
    return {
        f"{ten}{joiner}{unit}": tens_value + unit_value
        for ten, tens_value in tens.items()
        for unit, unit_value in units.items()
        for joiner in joiners
        if tens_value + unit_value <= 31
    }
