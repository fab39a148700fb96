"""US ZIP and ZIP+4 codes and German/US five-digit postcodes at the end of an address.

"Springfield, IL 62704", "zip code nine oh two one oh" (normalized to 90210), "My address is
Hauptstraße 5, Hayeshaven, 62528", "Austin, Texas 78701-1234". Five digits are any number, so
one counts only after a state, a postcode word, or with an address (a street-type word or an
address word) a few words before; a capitalised town just before ("Taylorfort, 32518") is weaker
evidence and scores lower. Swedish, Norwegian, Danish and UK postcodes are postcode.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.street import street_types
from pipeline.redaction.span import Span

STATE_SCORE = 0.75
CONTEXT_SCORE = 0.65
TOWN_SCORE = 0.45
# How many words before the code an address or a postcode word may stand.
WORDS_BEFORE = 14

US_STATES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
    "vermont|virginia|washington|west virginia|wisconsin|wyoming|district of columbia"
)
# Two-letter codes, upper case only: "IN", "OR" and "ME" are words in lower case.
US_STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
POSTCODE_WORDS: tuple[str, ...] = (
    "zip",
    "zip code",
    "zipcode",
    "postal code",
    "postcode",
    "post code",
    "plz",
    "postleitzahl",
    "address",
    "live at",
    "live in",
    "lives in",
    "moved to",
    "deliver",
    "send it to",
)

_CODE = r"\d{5}(?:[- ]\d{4})?"
_AFTER_STATE = re.compile(
    rf"(?<![\w-])(?:(?i:{US_STATES})|{US_STATE_CODES})\.?,?\s+(?P<value>{_CODE})(?![\d-])"
)
_FIVE_DIGITS = re.compile(rf"(?<![\d.,/-]){_CODE}(?![\d/-]|[.,]\d)")
_TOWN_BEFORE = re.compile(r"[A-ZÄÖÜ][\w'-]+,?\s+$")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class ZipCodeRecognizer:
    """Five-digit postcodes that a state, a postcode word or an address says are one."""

    name: str = "zip_code"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = True

    def analyze(self, text: str) -> list[Span]:
        """One span per ZIP code found in `text`."""
        spans = [
            Span(*m.span("value"), _TYPE, STATE_SCORE, self.name)
            for m in _AFTER_STATE.finditer(text)
        ]
        taken = {span.start for span in spans}
        for match in _FIVE_DIGITS.finditer(text):
            if match.start() in taken:
                continue
            score = self._score(text, match.start())
            if score is not None:
                spans.append(Span(match.start(), match.end(), _TYPE, score, self.name))
        return spans

    @staticmethod
    def _score(text: str, start: int) -> float | None:
        before = text[max(0, start - 140) : start]
        words = [w.lower() for w in _WORD.findall(before)][-WORDS_BEFORE:]
        types = street_types()
        if (
            _CONTEXT.search(" ".join(words))
            or any(types.get(w, False) for w in words)
            or any(w.endswith(_GERMAN_STREET_ENDINGS) for w in words)
        ):
            return CONTEXT_SCORE
        if _TOWN_BEFORE.search(before) and not before.rstrip(" ,").endswith(_SENTENCE_ENDS):
            return TOWN_SCORE
        return None


_TYPE = str(EntityType.POSTCODE)
# A term matches at a word start ("zip" finds "zipcode"), as in ContextWords.
_CONTEXT = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(POSTCODE_WORDS, key=len)[::-1]) + ")"
)
_SENTENCE_ENDS = (".", "!", "?")
# "Hauptstraße 5, 10115 Berlin": a German street before the code.
_GERMAN_STREET_ENDINGS = ("straße", "strasse", "weg", "gasse", "allee", "platz", "damm", "ufer")


def zip_code_recognizer() -> ZipCodeRecognizer:
    """The ZIP code recognizer."""
    return ZipCodeRecognizer()
