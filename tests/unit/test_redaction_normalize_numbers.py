"""Spoken numbers in English, Swedish, Norwegian and Danish become the digits people meant."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.redaction.normalize import LEXICONS, normalize_spoken
from pipeline.redaction.normalize.cardinals import CardinalGrammar


def canonical(text: str, language: str | None) -> str:
    return normalize_spoken(text, language).text


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("twenty three", "23"),
        ("twenty-three", "23"),
        ("one hundred and five", "105"),
        ("a hundred and fifty", "150"),
        ("four thousand", "4000"),
        ("two thousand and five", "2005"),
        ("one two three four", "1234"),
        ("zero seven oh one", "0701"),
        ("one o five", "105"),
        ("double five", "55"),
        ("triple seven", "777"),
        ("double oh seven", "007"),
        ("nineteen eighty", "1980"),
        ("nineteen oh five", "1905"),
        ("twenty twenty four", "2024"),
        ("nineteen hundred and eighty one", "1981"),
        ("twenty one hundred", "2100"),
        ("forty four, one two nine", "44129"),
        ("ninety eight seventy six", "9876"),
        ("nineteen eighty one twelve eighteen dash nine eight seven six", "19811218-9876"),
        ("plus four six, seventy, one two three", "+4670123"),
    ],
)
def test_english_numbers(spoken: str, digits: str) -> None:
    assert canonical(spoken, "en") == digits


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("tjugotre", "23"),
        ("tjugo tre", "23"),
        ("trettitre", "33"),
        ("fyrtiofem", "45"),
        ("förtifem", "45"),
        ("sextisju", "67"),
        ("nittonhundraåttioett", "1981"),
        ("nitton hundra åttioett", "1981"),
        ("nitton åttio ett", "1981"),
        ("nitton åttioett", "1981"),
        ("tjugo tjugofyra", "2024"),
        ("tvåtusen fem", "2005"),
        ("noll sju noll, ett två tre, fyrtiofem sextisju", "0701234567"),
        ("noll åtta, sex nio åtta, tolv tretton", "086981213"),
        ("nål sju nål", "070"),
        ("otta schu", "87"),
        ("sju tål", "712"),
        ("nitton åttioett tolv arton nittioåtta sjuttiosex", "198112189876"),
        ("aderton", "18"),
        ("hundra och fem", "105"),
    ],
)
def test_swedish_numbers(spoken: str, digits: str) -> None:
    assert canonical(spoken, "sv") == digits


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("tjuetre", "23"),
        ("tjue tre", "23"),
        ("førtifem", "45"),
        ("nitten åtti en", "1981"),
        ("nitten hundre og åttien", "1981"),
        ("fem og tjue", "25"),
        ("null ni to, tjuefem, seksti sju", "0922567"),
        ("syv åtte", "78"),
        ("to tusen og fire", "2004"),
    ],
)
def test_norwegian_numbers(spoken: str, digits: str) -> None:
    assert canonical(spoken, "no") == digits
    assert canonical(spoken, "nb") == digits


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("en og tyve", "21"),
        ("enogtyve", "21"),
        ("fem og halvfems", "95"),
        ("halvtreds", "50"),
        ("halvtredsindstyve", "50"),
        ("nitten hundrede og firs", "1980"),
        ("nitten firs", "1980"),
        ("nul syv nul, enogtyve, halvfems", "0702190"),
        ("to tusind og fire", "2004"),
        ("toogtyve femogfyrre", "2245"),
    ],
)
def test_danish_numbers(spoken: str, digits: str) -> None:
    assert canonical(spoken, "da") == digits


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I have one question", "en"),
        ("I want to go from one to three", None),
        ("a thousand thanks", "en"),
        ("oh no", "en"),
        ("jag har en fråga", "sv"),
        ("en bil", "sv"),
        ("ett par", "sv"),
        ("tusen tack", "sv"),
        ("ni har en bil", None),
        ("jeg har en bil og et hus", "da"),
        ("jeg har to barn", "no"),
        ("tusen takk", "no"),
        ("vi ses om en time", "da"),
        ("entré", "sv"),
    ],
)
def test_number_words_that_are_ordinary_words_stay(text: str, language: str | None) -> None:
    assert canonical(text, language) == text


def test_a_number_said_in_a_sentence_becomes_digits_in_place() -> None:
    text = "jag föddes nittonhundraåttioett i Lund"
    assert canonical(text, "sv") == "jag föddes 1981 i Lund"


def test_an_article_before_a_number_stays_a_word() -> None:
    assert canonical("ring 070 en gång till", "sv") == "ring 070 en gång till"
    # "en tjugofem" is "about twenty-five"; "en två tre" is digits.
    assert canonical("hon är en fyrtiofem år", "sv") == "hon är en 45 år"
    assert canonical("en två tre", "sv") == "123"


def test_a_weak_word_of_another_language_does_not_join_a_run() -> None:
    # "to" is two in Norwegian and Danish; for an English speaker it is a word.
    assert canonical("from twenty to thirty", None) == "from 20 to 30"
    assert canonical("fra tjue til tretti", "no") == "fra 20 til 30"


@pytest.mark.parametrize("language", ["nb", "nn", "NO", "sv-SE", "sv_SE", "swe", "dan"])
def test_language_codes_are_recognised(language: str) -> None:
    expected = {"n": "21", "s": "23", "d": "21"}[language[0].lower()]
    spoken = {"n": "tjueen", "s": "tjugotre", "d": "enogtyve"}[language[0].lower()]
    assert canonical(spoken, language) == expected


def test_swedish_is_not_read_in_english_but_any_language_reads_all() -> None:
    assert canonical("tjugotre", "en") == "tjugotre"
    assert canonical("tjugotre", None) == "23"
    assert canonical("tjugotre", "fi") == "23"


# Our grammar decides which words are numbers in every language; text2num values English and
# Danish. Both must agree on what they read.
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "twenty three"),
        ("en", "nineteen hundred and eighty one"),
        ("en", "two thousand and five"),
        ("en", "nineteen eighty one"),
        ("en", "four five three nine"),
        ("da", "fem og halvfems"),
        ("da", "nitten hundrede og firs"),
        ("da", "tyve fireogtyve"),
        ("da", "tusind"),
    ],
)
def test_our_grammar_agrees_with_text2num(language: str, words: str) -> None:
    text2num = CardinalGrammar(LEXICONS[language])
    ours = CardinalGrammar(replace(LEXICONS[language], evaluator="grammar"))
    assert text2num.read(words.split()) == ours.read(words.split())


# --- properties: what is said digit by digit, or as tens and a unit, comes out as said -------

DIGIT_WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "sv": ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"],
    "no": ["null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"],
    "da": ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"],
}
TENS_WORDS = {
    "en": ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
    "sv": ["tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"],
    "no": ["tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"],
    "da": ["tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"],
}


@settings(max_examples=300, deadline=None)
@given(
    language=st.sampled_from(sorted(DIGIT_WORDS)),
    digits=st.lists(st.integers(0, 9), min_size=2, max_size=12),
    commas=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_digits_said_one_by_one_come_out_one_by_one(
    language: str, digits: list[int], commas: list[bool]
) -> None:
    words = DIGIT_WORDS[language]
    assume(words[digits[0]] not in LEXICONS[language].weak_words)
    said = "".join(
        words[d] + ("," if comma else "") + " " for d, comma in zip(digits, commas, strict=False)
    ).rstrip(", ")
    assert canonical(said, language) == "".join(map(str, digits))


@settings(max_examples=300, deadline=None)
@given(
    language=st.sampled_from(sorted(TENS_WORDS)),
    pairs=st.lists(st.integers(20, 99), min_size=1, max_size=6),
    together=st.booleans(),
)
def test_pairs_said_as_tens_and_unit_come_out_as_pairs(
    language: str, pairs: list[int], together: bool
) -> None:
    units, tens = DIGIT_WORDS[language], TENS_WORDS[language]

    def say(n: int) -> str:
        ten, unit = tens[n // 10 - 2], units[n % 10]
        if n % 10 == 0:
            return ten
        if language == "da":
            return f"{unit}og{ten}" if together else f"{unit} og {ten}"
        return f"{ten}{unit}" if together and language != "en" else f"{ten} {unit}"

    said = ", ".join(say(n) for n in pairs)
    assert canonical(said, language) == "".join(map(str, pairs))
