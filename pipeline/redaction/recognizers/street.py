"""Street addresses as a grammar: house number + name words + street-type word, written or said.

US and UK order ("1600 Maple Avenue", "221b baker street", "twelve birchwood lane", "sixteen
oh four kaur wells apt twelve") and German ("Hauptstraße 5", "Karl-Marx-Allee 10",
"schlosserstraße tausend"). Street-type words come from data/street_types.txt: a strong word
("street", "road", "lane") makes the phrase an address on its own; a weak one ("union",
"lights", "station") needs capitals, a listed name as the street's name, or an address word
near ("live at", "address", "moved to"). Nordic streets are address.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import ContextWords
from pipeline.redaction.recognizers.gazetteer import DATA_DIR, Gazetteer, load_gazetteer
from pipeline.redaction.span import Span

STRONG_SCORE = 0.75
WEAK_SCORE = 0.6
GERMAN_SCORE = 0.75
MAX_NAME_WORDS = 3
# How far before a street-type word its house number may start, and how far a flat may follow.
WINDOW_BEFORE = 100
WINDOW_AFTER = 40

ADDRESS_WORDS: tuple[str, ...] = (
    "address",
    "live at",
    "lives at",
    "living at",
    "live on",
    "moved to",
    "move to",
    "moving to",
    "deliver",
    "delivery",
    "send it to",
    "sent to",
    "ship",
    "post it to",
    "located at",
    "we're at",
    "i'm at",
    "is at",
    "are at",
    "were at",
    "number",
)
NUMBER_WORDS = (
    "zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand|double|triple"
)
# Words that never name a street: what follows a number in everyday talk ("twenty minutes
# walk", "one way street", "four green lights" is caught by the weak rule instead).
_NOT_NAME_WORDS = frozenset(
    {
        *("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month"),
        *("months", "year", "years", "time", "times", "mile", "miles", "km", "dollars"),
        *("pounds", "euros", "percent", "people", "way", "ways", "more", "other", "new"),
        *("old", "big", "small", "main", "last", "next", "first", "second", "third"),
        *("lines", "phones", "things", "calls", "items", "bars", "steps", "floors", "storey"),
    }
)
_UNIT = (
    r"(?:,?\s*(?:apt|apartment|unit|suite|ste|flat|floor|room|#)\.?\s*"
    r"(?:[a-z]?\d{1,5}[a-z]?|(?:" + NUMBER_WORDS + r")(?:[\s-]+(?:" + NUMBER_WORDS + r"))*)"
    r"(?!\w))?"
)
_GERMAN_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|chaussee|steig|pfad|graben|markt|"
    r"kamp|stieg|zeile|promenade"
)
_GERMAN_APART = r"Straße|Strasse|Weg|Gasse|Platz|Allee|Ring|Damm|Ufer|Chaussee|Markt"
_GERMAN_NUMBER = (
    r"\d{1,4}\s?[a-z]?(?![\w-])|(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|"
    r"zwölf|zwanzig|dreißig|hundert|tausend|und|" + NUMBER_WORDS + r")(?:[\s-]?(?:eins|zwei|"
    r"drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|hundert|tausend|"
    r"und|" + NUMBER_WORDS + r")){0,5}(?![\w-])"
)


_WORD = re.compile(r"[^\W\d_]+")
_NUMBERISH = re.compile(rf"(?i)\d|\b(?:{NUMBER_WORDS})\b")
_GERMAN_HINT = re.compile(rf"(?i)(?:{_GERMAN_SUFFIX}|{_GERMAN_APART})\s+\w")


@lru_cache(maxsize=1)
def street_types() -> dict[str, bool]:
    """Street-type word (lower case) -> True when it is a strong one."""
    types: dict[str, bool] = {}
    for line in (DATA_DIR / "street_types.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, strength = line.partition("\t")
            types[word] = strength == "strong"
    return types


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    suffix = _alternation(list(street_types()))
    name_word = rf"(?!(?:{NUMBER_WORDS})\b)[^\W\d_][\w'’.-]*"
    name = rf"(?P<name>(?:{name_word}\s+){{1,{MAX_NAME_WORDS}}}?)"
    tail = rf"(?P<suffix>{suffix})\b\.?(?:\s+(?:{suffix})\b)?{_UNIT}"
    written = re.compile(
        rf"(?i)(?<![\w.,/-])\d{{1,5}}(?:-\d{{1,5}})?(?:\s?[a-z](?![\w'’]))?,?\s+{name}{tail}"
    )
    spoken = re.compile(
        rf"(?i)(?<![\w-])(?:{NUMBER_WORDS})(?:[\s-]+(?:and\s+)?(?:{NUMBER_WORDS})){{0,7}}"
        rf"(?:\s+[a-hj-z](?![\w'’]))?\s+{name}{tail}"
    )
    german = re.compile(
        rf"(?<![\w-])(?:[A-ZÄÖÜa-zäöü][\w'-]*-)*[A-ZÄÖÜa-zäöü][\wäöüß'-]*?(?i:{_GERMAN_SUFFIX})"
        rf"\s+(?i:{_GERMAN_NUMBER})"
        rf"|(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß'-]*\s+){{1,2}}(?:{_GERMAN_APART})\s+\d{{1,4}}\s?[a-z]?"
        r"(?![\w-])"
    )
    return written, spoken, german


@dataclass(frozen=True)
class StreetRecognizer:
    """US, UK and German street addresses by grammar (see the module docstring)."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer, repr=False)
    name: str = "street"
    languages: frozenset[str] | None = None
    # Number words become digits in the normalized text; the written rule reads them there.
    runs_on_normalized: bool = True
    _context: ContextWords = field(
        default_factory=lambda: ContextWords(ADDRESS_WORDS), init=False, repr=False
    )

    def analyze(self, text: str) -> list[Span]:
        """One span per street address found in `text`."""
        written, spoken, german = _regexes()
        types = street_types()
        found: dict[tuple[int, int], Span] = {}
        # Only around a street-type word with a number before it: most texts have none, and the
        # grammar is then never run (a full scan of every utterance would halve throughput).
        for word in _WORD.finditer(text):
            if word.group().lower() not in types:
                continue
            start = max(0, word.start() - WINDOW_BEFORE)
            if not _NUMBERISH.search(text, start, word.start()):
                continue
            end = min(len(text), word.end() + WINDOW_AFTER)
            for regex in (written, spoken):
                for match in regex.finditer(text, start, end):
                    score = self._score(text, match)
                    span_end = _end(text, match)
                    if score is not None and (match.start(), span_end) not in found:
                        found[match.start(), span_end] = Span(
                            match.start(), span_end, _TYPE, score, self.name
                        )
        if _GERMAN_HINT.search(text):
            for match in german.finditer(text):
                found[match.span()] = Span(
                    match.start(), match.end(), _TYPE, GERMAN_SCORE, self.name
                )
        return list(found.values())

    def _score(self, text: str, match: re.Match[str]) -> float | None:
        names = match.group("name").split()
        if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in names):
            return None
        if any(self.gazetteer.is_stop_word(w, "en") for w in names):
            return None
        if street_types()[match.group("suffix").lower()]:
            return STRONG_SCORE
        capitalised = all(w[0].isupper() for w in names) and match.group("suffix")[0].isupper()
        # A listed name that is no common word ("kaur wells"; not "four green lights").
        listed = any(
            self.gazetteer.is_name(w) and not self.gazetteer.is_ordinary_word(w, "en")
            for w in names
        )
        if capitalised or listed or self._context.found_around(text, match.start(), match.end()):
            return WEAK_SCORE
        return None


_TYPE = str(EntityType.STREET_ADDRESS)


def _end(text: str, match: re.Match[str]) -> int:
    """Where the address ends: a trailing comma or full stop of the sentence is not part of it."""
    end = match.end()
    while end > match.start() and text[end - 1] in " ,":
        end -= 1
    return end


def street_recognizer() -> StreetRecognizer:
    """The street-address grammar recognizer."""
    return StreetRecognizer()
