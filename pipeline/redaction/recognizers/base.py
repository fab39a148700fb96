"""Pattern recognizers: regex patterns with a base score, context words and a validate hook."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.redaction.span import Span

# Presidio-like: a context word near a match raises its score by this much (capped at 1.0).
CONTEXT_BOOST = 0.3
WORDS_BEFORE = 6
WORDS_AFTER = 3
_WORD = re.compile(r"\w+")

# A validator says True (checksum holds), False (checksum fails) or None (nothing to check).
Validator = Callable[[str], bool | None]


class Recognizer(Protocol):
    """Finds spans of one identifier family in a text."""

    @property
    def name(self) -> str:
        """What found a span; recorded on it as `recognizer`."""
        ...

    @property
    def languages(self) -> frozenset[str] | None:
        """Languages it runs for; None: every language."""
        ...

    @property
    def runs_on_normalized(self) -> bool:
        """Whether it also runs on the spoken-form normalized text."""
        ...

    def analyze(self, text: str) -> list[Span]:
        """Return the spans found in `text`, in any order, possibly overlapping."""
        ...


def supports(recognizer: Recognizer, language: str | None) -> bool:
    """True when `recognizer` should run for `language` (None runs everything)."""
    return language is None or recognizer.languages is None or language in recognizer.languages


def bind(recognizer: Recognizer, language: str | None) -> Recognizer:
    """`recognizer` set up for `language` when it has a `for_language` method, else itself.

    Language-aware recognizers (names, NER) judge a hit by the words of the text's language.
    """
    for_language = getattr(recognizer, "for_language", None)
    return recognizer if for_language is None else for_language(language)


class ContextWords:
    """Words or phrases that, said just before or after a match, make it more likely real.

    A term matches at the start of a word, so "kort" also finds "kortnummer" and "kortet";
    a term ending in "$" must end at a word end too ("car$" finds "car", not "card").
    Punctuation in a term counts as a word break ("cpr-nr" finds "cpr nr" and "CPR-nr.").
    """

    def __init__(self, terms: Iterable[str]) -> None:
        regexes = {_term_regex(t) for t in terms} - {""}
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(sorted(regexes, key=len, reverse=True)) + ")")
            if regexes
            else None
        )

    def __bool__(self) -> bool:
        return self._regex is not None

    def found_around(self, text: str, start: int, end: int) -> bool:
        """True when a term occurs among the few words before or after text[start:end]."""
        if self._regex is None:
            return False
        before = _WORD.findall(text[max(0, start - 80) : start].lower())[-WORDS_BEFORE:]
        after = _WORD.findall(text[end : end + 40].lower())[:WORDS_AFTER]
        return bool(self._regex.search(" ".join(before)) or self._regex.search(" ".join(after)))


@dataclass(frozen=True)
class Pattern:
    """One regex with its base score; a named group `value` narrows the span to that group."""

    name: str
    regex: str
    score: float
    # Only a match near a context word counts, and `score` is then its score (no boost).
    needs_context: bool = False
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex))


@dataclass(frozen=True)
class PatternRecognizer:
    """Patterns + context words + an optional checksum; the shape of most recognizers.

    Scoring: a match scores its pattern's score (or `valid_score` once the checksum holds),
    raised by CONTEXT_BOOST when a context word is near. A failed checksum is kept only near a
    context word, at `invalid_score`: recall first, a mistyped personnummer is still one.
    """

    name: str
    entity_type: str
    patterns: tuple[Pattern, ...]
    context: tuple[str, ...] = ()
    validate: Validator | None = None
    valid_score: float | None = None
    invalid_score: float = 0.4
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = True
    _context: ContextWords = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_context", ContextWords(self.context))

    def analyze(self, text: str) -> list[Span]:
        """Return every scored match of every pattern in `text`; where two patterns match the
        same characters, the higher score alone."""
        spans: dict[tuple[int, int], Span] = {}
        for pattern in self.patterns:
            has_value_group = "value" in pattern.compiled.groupindex
            for match in pattern.compiled.finditer(text):
                start, end = match.span("value") if has_value_group else match.span()
                if start >= end:
                    continue
                score = self._score(text, start, end, pattern)
                if score is not None and (
                    (start, end) not in spans or spans[start, end].score < score
                ):
                    spans[start, end] = Span(start, end, str(self.entity_type), score, self.name)
        return list(spans.values())

    def _score(self, text: str, start: int, end: int, pattern: Pattern) -> float | None:
        near_context = self._context.found_around(text, start, end)
        if pattern.needs_context and not near_context:
            return None
        verdict = self.validate(text[start:end]) if self.validate is not None else None
        if verdict is False:
            return self.invalid_score if near_context else None
        score = pattern.score
        if verdict is True and self.valid_score is not None:
            score = self.valid_score
        if near_context and not pattern.needs_context:
            score += CONTEXT_BOOST
        return round(min(score, 1.0), 4)


def _term_regex(term: str) -> str:
    words = " ".join(_WORD.findall(term.lower()))
    if not words:
        return ""
    return re.escape(words) + (r"(?!\w)" if term.endswith("$") else "")


def digits_of(value: str) -> str:
    """The digits of `value`, separators dropped."""
    return "".join(ch for ch in value if ch.isdigit())
