"""Dates of birth said near a birth word: "född 12 maj 1981", "born 1981-05-12", "født 12.05.81"."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer
from pipeline.redaction.recognizers.words import MONTHS, ORDINAL_DAY, SPOKEN_NUMBER, YEAR

DOB_CONTEXT: tuple[str, ...] = (
    # English
    "born",
    "birth",
    "date of birth",
    "dob",
    "birthday",
    "birthdate",
    # Swedish
    "född",
    "föddes",
    "födelsedatum",
    "födelsedag",
    "födelsedagen",
    "födelseår",
    # Norwegian, Danish
    "født",
    "fødselsdato",
    "fødselsdag",
    "fødselsdagen",
    "fødselsår",
    # Finnish
    "syntynyt",
    "synnyin",
    "syntymäaika",
    "syntymäpäivä",
    "syntymävuosi",
)

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DAY_2 = r"(?:0[1-9]|[12]\d|3[01])"
_MONTH_2 = r"(?:0[1-9]|1[0-2])"
# A date ends at anything but another digit or separator; a sentence's full stop may follow.
_END = r"(?![\d/-]|[.]\d)"
# Years a caller may have been born in (1920 to 2009); a later year is an invoice's or an order's.
_BIRTH_YEAR = r"(?:19[2-9]\d|200\d)"
_DAY_WORD = rf"(?:{_DAY}(?:st|nd|rd|th|:?e|:?a|\.)?|{ORDINAL_DAY}|{SPOKEN_NUMBER})"

DOB_PATTERNS: tuple[Pattern, ...] = (
    # 1981-05-12, 1981/05/12, 19810512
    Pattern(
        "iso",
        rf"(?<![\d/.-])(?:19|20)\d{{2}}([-/.]?){_MONTH_2}\1{_DAY_2}{_END}",
        0.8,
        needs_context=True,
    ),
    # 12/05/1981, 12.5.81, 12-05-1981, 5/12/1981 (either order)
    Pattern(
        "day_month_year",
        rf"(?<![\d/.-]){_DAY}([-/. ]){_DAY}\1(?:(?:19|20)\d{{2}}|\d{{2}}){_END}",
        0.8,
        needs_context=True,
    ),
    # 12051981: spoken "twelve oh five nineteen eighty one" arrives as one digit run
    Pattern(
        "day_month_year_compact",
        rf"(?<![\d/.-]){_DAY_2}{_MONTH_2}(?:19|20)\d{{2}}{_END}",
        0.8,
        needs_context=True,
    ),
    # 12 May 1981, 12th of May 1981, den tolfte maj 1981, 12. toukokuuta 1981
    Pattern(
        "day_month_name",
        rf"(?i)(?<!\w){_DAY_WORD}\s+(?:of\s+)?{MONTHS}(?:,?\s+{YEAR})?(?!\w)",
        0.8,
        needs_context=True,
    ),
    # May 12, 1981, May 12th 1981, "born september twelfth" (the year may go unsaid)
    Pattern(
        "month_name_day",
        rf"(?i)(?<!\w){MONTHS}\s+(?:the\s+)?{_DAY_WORD}(?:,?\s+{YEAR})?(?!\w)",
        0.8,
        needs_context=True,
    ),
    # A whole date with a year a caller's birth falls in, no birth word needed: in a support
    # call such a date is a date of birth far more often than anything else.
    Pattern(
        "birth_year_numeric",
        rf"(?<![\d/.-]){_DAY}([-/.]){_DAY}\1{_BIRTH_YEAR}{_END}",
        0.5,
    ),
    Pattern("birth_year_iso", rf"(?<![\d/.-]){_BIRTH_YEAR}-{_MONTH_2}-{_DAY_2}{_END}", 0.5),
    Pattern(
        "birth_year_day_month_name",
        rf"(?i)(?<!\w){_DAY_WORD}\s+(?:of\s+)?{MONTHS},?\s+{_BIRTH_YEAR}(?!\w)",
        0.5,
    ),
    Pattern(
        "birth_year_month_name_day",
        rf"(?i)(?<!\w){MONTHS}\s+(?:the\s+)?{_DAY_WORD},?\s+{_BIRTH_YEAR}(?!\w)",
        0.5,
    ),
)


def date_of_birth_recognizer() -> PatternRecognizer:
    """Numeric and written dates, only near a birth word (any other date is not personal)."""
    return PatternRecognizer(
        name="date_of_birth",
        entity_type=EntityType.DATE_OF_BIRTH,
        patterns=DOB_PATTERNS,
        context=DOB_CONTEXT,
    )
