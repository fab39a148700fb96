"""Identifiers said aloud are redacted by the default Analyzer once normalized."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.se import personnummer

from pipeline.redaction import Analyzer

EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"]
EN_TEENS += ["seventeen", "eighteen", "nineteen"]
EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SV_UNITS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
SV_TEENS = ["tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton"]
SV_TEENS += ["nitton"]
SV_TENS = ["tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]


def say_pair_en(pair: str) -> str:
    """Two digits as an English speaker says them in a date or an ID: "oh five", "eighty one"."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"oh {EN_UNITS[unit]}"
    if tens == 1:
        return EN_TEENS[unit]
    return EN_TENS[tens - 2] + ("" if unit == 0 else f" {EN_UNITS[unit]}")


def say_pair_sv(pair: str) -> str:
    """Two digits as a Swede says them, tens and unit written together: "åttioett"."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"noll {SV_UNITS[unit]}"
    if tens == 1:
        return SV_TEENS[unit]
    return SV_TENS[tens - 2] + ("" if unit == 0 else SV_UNITS[unit])


def valid_personnummer(birth: datetime.date, serial: int) -> str:
    """A checksum-valid 12-digit personnummer for `birth`, built with stdnum's Luhn."""
    body = birth.strftime("%y%m%d") + f"{serial:03d}"
    number = birth.strftime("%Y%m%d") + f"{serial:03d}" + luhn.calc_check_digit(body)
    assert personnummer.is_valid(number)
    return number


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.default()


def redacted_types(analyzer: Analyzer, text: str, language: str | None) -> dict[str, str]:
    return {text[s.start : s.end]: s.entity_type for s in analyzer.analyze(text, language)}


@pytest.mark.parametrize(
    ("text", "language", "said", "entity_type"),
    [
        (
            "mitt personnummer är nitton åttioett tolv arton nittioåtta sjuttiosex",
            "sv",
            "nitton åttioett tolv arton nittioåtta sjuttiosex",
            "NATIONAL_ID",
        ),
        (
            "ring mig på noll sju noll, ett två tre, fyrtiofem, sextisju",
            "sv",
            "noll sju noll, ett två tre, fyrtiofem, sextisju",
            "PHONE",
        ),
        (
            "my card number is four five three nine, seven one eight zero, two two six five, "
            "three one eight one",
            "en",
            "four five three nine, seven one eight zero, two two six five, three one eight one",
            "CARD_NUMBER",
        ),
        (
            "my number is oh seven oh, double one two, three four five six",
            "en",
            "oh seven oh, double one two, three four five six",
            "PHONE",
        ),
        (
            "my email is s as in Sam m as in Mike i t h at example dot com",
            "en",
            "s as in Sam m as in Mike i t h at example dot com",
            "EMAIL",
        ),
        (
            "min e-post är anna punkt berg snabel-a firma punkt se",
            "sv",
            "anna punkt berg snabel-a firma punkt se",
            "EMAIL",
        ),
    ],
)
def test_spoken_identifier_is_redacted_whole(
    analyzer: Analyzer, text: str, language: str, said: str, entity_type: str
) -> None:
    assert redacted_types(analyzer, text, language).get(said) == entity_type
    # Without knowing the language, every lexicon is tried and it is still found.
    assert redacted_types(analyzer, text, None).get(said) == entity_type


@settings(max_examples=60, deadline=None)
@given(
    birth=st.dates(datetime.date(1930, 1, 1), datetime.date(2009, 12, 31)),
    serial=st.integers(0, 999),
    language=st.sampled_from(["en", "sv"]),
)
def test_a_personnummer_said_in_pairs_is_redacted(
    analyzer: Analyzer, birth: datetime.date, serial: int, language: str
) -> None:
    number = valid_personnummer(birth, serial)
    say = say_pair_en if language == "en" else say_pair_sv
    first = " ".join(say(number[k : k + 2]) for k in range(0, 8, 2))
    last = " ".join(say(number[k : k + 2]) for k in range(8, 12, 2))
    dash = "dash" if language == "en" else "streck"
    intro = "my personal number is" if language == "en" else "mitt personnummer är"
    said = f"{first} {dash} {last}"
    spans = redacted_types(analyzer, f"{intro} {said}", language)
    assert spans.get(said) == "NATIONAL_ID", spans


def test_the_english_personnummer_of_the_issue_is_redacted(analyzer: Analyzer) -> None:
    number = valid_personnummer(datetime.date(1981, 12, 18), 987)
    last = " ".join(EN_UNITS[int(d)] for d in number[-4:])
    said = f"nineteen eighty one twelve eighteen dash {last}"
    text = f"my personal number is {said}"
    assert redacted_types(analyzer, text, "en") == {said: "NATIONAL_ID"}
