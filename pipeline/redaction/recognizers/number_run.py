"""Runs of four or more number-like words, as a recognizer writes them, are personal data."""

# A caller reading out an identifier says digits one after another; a recognizer writes some of
# them as digits ("0,2,3,4,5,6"), some as words, and some as words that only sound like numbers
# ("nittun, och det är tål, att un, nio, otta, sju, sex"). Checksums cannot hold on such text,
# so the run itself is the evidence: four or more number-like words (a written group of three
# or more digits counts twice), at least two of them surely numbers, with at most a few filler
# words between them ("yes", "och det är"). Prices, versions, times, durations and counts of
# things say so with a word before or after the run; those runs are left alone.

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.redaction.entities import NUMERIC_TYPES, EntityType
from pipeline.redaction.misheard import NumberWords, Strength, cue_type, number_words
from pipeline.redaction.normalize.tokens import Token, tokenize
from pipeline.redaction.span import Span

MIN_WEIGHT = 4
MIN_STRONG = 2
MAX_FILLERS = 3  # filler words between two number words of one run
CUE_WINDOW = 8  # tokens before a run searched for a cue word
RUN_SCORE = 0.35
CUED_SCORE = 0.66  # a cue and a run: above a NER "CARDINAL", below a checksum
_DIGITS = re.compile(r"\d+(?:-\d+)*")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})")
_SEPARATORS = frozenset({",", ".", "-", "–"})
_CONNECTORS = frozenset({"och", "og", "and"})
# Words said between the digits of one answer.
_FILLERS = frozenset(
    {"yes", "yeah", "yep", "uh", "um", "eh", "ehm", "hmm", "okay", "ok", "and", "then", "that"}
    | {"it", "is", "it's", "its", "ja", "jo", "jaa", "okej", "och", "så", "sen", "det", "är"}
    | {"att", "og", "er", "altså", "nummer", "number", "numret", "nummeret"}
)
# English number words that are mostly something else: never at a run's end ("to one hundred").
_HOMOPHONES = frozenset({"to", "too", "for", "fore", "won", "a", "an"})
_MAX_FILLER_LENGTH = 2  # any shorter word is a filler too ("på", "i", "a")
# Said right after a run: it was an amount, a duration, a time or a count, not an identifier.
_UNITS_AFTER = frozenset(
    {"kr", "kronor", "krona", "kroner", "krone", "sek", "nok", "dkk", "eur", "euro", "euros"}
    | {"dollar", "dollars", "pund", "pounds", "pound", "usd", "öre", "øre", "cent", "cents"}
    | {"procent", "prosent", "percent", "%", "€", "$", "£"}
    | {"sekunder", "sekund", "seconds", "second", "minuter", "minutter", "minutes", "minute"}
    | {"min", "timmar", "timme", "timer", "time", "hours", "hour", "dagar", "dag", "dage"}
    | {"dager", "days", "day", "veckor", "vecka", "uger", "uge", "uker", "uke", "weeks", "week"}
    | {"månader", "månad", "måneder", "måned", "months", "month", "år", "years", "year"}
    | {"gånger", "gang", "gange", "ganger", "times", "things", "items", "saker", "ting"}
    | {"stycken", "st", "stk", "styck", "pieces", "gb", "mb", "kb", "tb", "kg", "km", "meter"}
    | {"mil", "liter", "am", "pm", "o'clock", "kwh", "people", "personer", "personen"}
)
# Said right before a run: the same, from the other side.
_CONTEXT_BEFORE = frozenset(
    {"version", "versjon", "v", "pris", "price", "priset", "prisen", "costs", "cost", "kostar"}
    | {"koster", "kostade", "kostet", "betalade", "betalte", "paid", "pay", "kl", "klockan"}
    | {"klokka", "klokken", "$", "€", "£", "kr", "sek", "nok", "dkk", "eur", "usd", "page"}
    | {"sida", "side", "chapter", "kapitel", "release", "build", "model", "modell", "room"}
)


@dataclass(frozen=True)
class _Number:
    index: int  # token index
    strength: Strength
    weight: int
    # A weak number word as written ("oh", "en") may end a run right beside a sure number.
    exact: bool = False


@dataclass(frozen=True)
class NumberRunRecognizer:
    """Number runs heard rightly or not; typed by a cue word before them when there is one."""

    language: str | None = None
    name: str = "number_run"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = False  # it reads number words itself, misheard ones too

    def for_language(self, language: str | None) -> NumberRunRecognizer:
        """This recognizer hearing number words of `language`."""
        return self if language == self.language else replace(self, language=language)

    def analyze(self, text: str) -> list[Span]:
        """One span per number run in `text`."""
        tokens = tokenize(text)
        words = number_words(self.language)
        spans = []
        for run in _runs(tokens, words):
            cued = _cue_before(tokens, run[0].index)
            found = _judged(run, tokens, cued is not None)
            if found:
                spans.append(_span(found, tokens, cued))
        return spans


def _classify(token: Token, words: NumberWords) -> _Number | str | None:
    """A number-like token, or "sep" / "filler", or None for a word that ends a run."""
    if _DIGITS.fullmatch(token.text):
        digits = sum(ch.isdigit() for ch in token.text)
        return _Number(-1, Strength.STRONG, 2 if digits >= 3 else 1)
    if token.text in _SEPARATORS:
        return "sep"
    if not token.text.replace("-", "").isalpha():
        return None
    strength = words.exactly(token.text)
    homophone = token.lower in _HOMOPHONES and words.language in (None, "en")
    if strength is not None and not homophone:
        return _Number(-1, strength, 1, exact=True)
    if strength is None and token.lower in _FILLERS:
        return "filler"
    strength = strength or words.near(token.text)
    if strength is None:
        return "filler" if len(token.text) <= _MAX_FILLER_LENGTH else None
    return _Number(-1, strength, 1)


def _runs(tokens: list[Token], words: NumberWords) -> list[list[_Number]]:
    """Number-like tokens grouped into runs, before judging them."""
    runs: list[list[_Number]] = []
    run: list[_Number] = []
    fillers = 0
    for index, token in enumerate(tokens):
        kind = _classify(token, words)
        if isinstance(kind, _Number):
            if fillers > MAX_FILLERS:
                runs.append(run)
                run = []
            run.append(replace(kind, index=index))
            fillers = 0
        elif kind == "filler":
            fillers += 1
        elif kind is None:
            runs.append(run)
            run, fillers = [], 0
    runs.append(run)
    return [r for r in runs if r]


def _adjacent(a: _Number, b: _Number, tokens: list[Token]) -> bool:
    # Nothing but separators and "and" between the two.
    between = range(a.index + 1, b.index)
    return all(tokens[k].text in _SEPARATORS or tokens[k].lower in _CONNECTORS for k in between)


def _trimmed(run: list[_Number], tokens: list[Token], cued: bool) -> list[_Number]:
    """Weak words join a run inside it ("to", "tjej" for "sju"); at its ends only number words
    as written right beside a sure one ("oh seven", "ett, fyra", "... sex, ett."), or, after a
    cue word, any weak words right beside it ("telefonomer är nytt tjej, noll, ...")."""
    first = next((k for k, n in enumerate(run) if n.strength is Strength.STRONG), len(run))
    last = max((k for k, n in enumerate(run) if n.strength is Strength.STRONG), default=-1)
    if first > last:
        return []
    for _ in range(2):  # "en, en, otta": two ones before an eight
        joins = first > 0 and (cued or run[first - 1].exact)
        if joins and _adjacent(run[first - 1], run[first], tokens):
            first -= 1
    for tail in (2, 1):  # "... seks, tu. en.": weak words that end the sentence
        if last + tail < len(run) and _ends_run(run[last : last + tail + 1], tokens, cued):
            last += tail
            break
    return run[first : last + 1]


def _ends_run(chain: list[_Number], tokens: list[Token], cued: bool) -> bool:
    # "nio fem nio, en grå Volvo": an article goes with the word after it, so weak words end a
    # run only when nothing is said after them in the sentence.
    after = chain[-1].index + 1
    said_after = after < len(tokens) and tokens[after].text[0].isalnum()
    joined = all(_adjacent(a, b, tokens) for a, b in pairwise(chain))
    return joined and not said_after and (cued or len(chain) > 2 or chain[-1].exact)


def _word_near(tokens: list[Token], start: int, step: int, words: frozenset[str]) -> bool:
    """One of `words` within two words of tokens[start], walking by `step`, past separators."""
    seen, k = 0, start
    while 0 <= k < len(tokens) and seen < 2:
        if tokens[k].text not in _SEPARATORS:
            if tokens[k].lower in words:
                return True
            seen += 1
        k += step
    return False


def _judged(run: list[_Number], tokens: list[Token], cued: bool) -> list[_Number]:
    """The run as personal data, or [] when it is too short or context says otherwise."""
    run = _trimmed(run, tokens, cued)
    if run and _word_near(tokens, run[0].index - 1, -1, _CONTEXT_BEFORE):
        return []
    while run and _word_near(tokens, run[-1].index + 1, 1, _UNITS_AFTER):
        # "..., 45 minutes": the last group said was a duration, not part of the number.
        last_gap = max(
            (k for k in range(1, len(run)) if not _adjacent(run[k - 1], run[k], tokens)),
            default=0,
        )
        run = _trimmed(run[:last_gap], tokens, cued)
    weight = sum(n.weight for n in run)
    strong = sum(n.strength is Strength.STRONG for n in run)
    if run and _DATE.fullmatch(text_of(run, tokens)):
        return []  # a written date ("11.06.2024") is a date; birth dates have their recognizer
    return run if weight >= MIN_WEIGHT and strong >= MIN_STRONG else []


def text_of(run: list[_Number], tokens: list[Token]) -> str:
    """The words of `run` as said, with what was between them."""
    return "".join(t.text for t in tokens[run[0].index : run[-1].index + 1])


def _span(run: list[_Number], tokens: list[Token], cued: str | None) -> Span:
    start, end = tokens[run[0].index].start, tokens[run[-1].index].end
    if cued is None:
        return Span(start, end, EntityType.NUMBER, RUN_SCORE, "number_run")
    return Span(start, end, cued, CUED_SCORE, "number_run")


def _cue_before(tokens: list[Token], first: int) -> str | None:
    """The numeric entity type a cue word just before the run names, heard loosely."""
    window = [t for t in tokens[max(0, first - CUE_WINDOW) : first] if t.text.isalpha()]
    for k in range(len(window) - 1, -1, -1):
        for said in (window[k].text, *_joined(window, k)):
            found = cue_type(said)
            if found in NUMERIC_TYPES:
                return found
    return None


def _joined(window: list[Token], k: int) -> tuple[str, ...]:
    # "kund nummer", "e-post adress": a cue said as two words.
    return (window[k - 1].text + window[k].text,) if k > 0 else ()
