"""Spelled letters and spoken dates become the text a recognizer can read."""

from __future__ import annotations

import pytest

from pipeline.redaction.normalize import normalize_spoken


def canonical(text: str, language: str | None) -> str:
    return normalize_spoken(text, language).text


@pytest.mark.parametrize(
    ("spoken", "language", "written"),
    [
        ("a b c one two three", "en", "abc123"),
        ("J, O, H, N", "en", "JOHN"),
        ("J-O-H-N", "en", "JOHN"),
        ("s as in Sam", "en", "s"),
        ("my name is s as in Sam m as in Mike i t h", "en", "my name is smith"),
        ("s as in Sam, m as in Mike", "en", "sm"),
        ("alpha bravo", "en", "ab"),
        ("Alpha Bravo one two", "en", "AB12"),
        ("Charlie Delta Echo", "en", "CDE"),
        ("a be se ett två tre", "sv", "abc123"),
        ("kå ell emm", "sv", "klm"),
        ("äss som i Sigurd", "sv", "s"),
        ("be som i Bertil ärr", "sv", "br"),
        ("a be se, en två tre", "sv", "abc, 123"),
        ("ess som i Sofie", "no", "s"),
        ("y v one s w five eight d six k two one two three", "en", "yv1sw58d6k2123"),
        ("b twelve c thirty", "en", "b12c30"),
    ],
)
def test_spelled_letters_join(spoken: str, language: str, written: str) -> None:
    assert canonical(spoken, language) == written


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I have one question", "en"),
        ("hotel india", "en"),
        ("mike and victor", "en"),
        ("ask for Sam", "en"),
        ("de se", "sv"),
        ("jag ska se a", "sv"),
        ("i de", "sv"),
        ("be se de", "sv"),
        ("s as in", "en"),
        ("s as in tom", "en"),
        ("plan b two", "en"),
    ],
)
def test_words_that_name_letters_stay_words(text: str, language: str) -> None:
    assert canonical(text, language) == text


@pytest.mark.parametrize(
    ("spoken", "language", "written"),
    [
        ("the twelfth of March nineteen eighty one", "en", "12 March 1981"),
        ("born on the twenty first of June", "en", "born on 21 June"),
        ("the twenty-first of june", "en", "21 june"),
        ("March the twelfth", "en", "March 12"),
        ("May fourth", "en", "May 4"),
        ("the first of may", "en", "1 may"),
        ("den tolfte mars nitton åttioett", "sv", "12 mars 1981"),
        ("född tjugoförsta juni", "sv", "född 21 juni"),
        ("den tjugo första juni", "sv", "21 juni"),
        ("den tolvte mars", "no", "12 mars"),
        ("den tjueførste mai", "nb", "21 mai"),
        ("den enogtyvende marts", "da", "21 marts"),
        ("den en og tyvende marts", "da", "21 marts"),
    ],
)
def test_spoken_dates(spoken: str, language: str, written: str) -> None:
    assert canonical(spoken, language) == written


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("the first may be wrong", "en"),
        ("the third time", "en"),
        ("you may first ask", "en"),
        ("den första gången", "sv"),
    ],
)
def test_ordinals_without_a_month_stay(text: str, language: str) -> None:
    assert canonical(text, language) == text


def test_a_single_letter_before_a_number_is_no_code() -> None:
    assert canonical("room a twelve", "en") == "room a 12"
    assert canonical("i tjugo år", "sv") == "i 20 år"


def test_a_spoken_day_maps_back_to_all_its_words() -> None:
    text = "born the twelfth of March"
    normalized = normalize_spoken(text, "en")
    assert normalized.text == "born 12 March"
    start = normalized.text.index("12")
    assert text[slice(*normalized.to_original(start, start + 2))] == "the twelfth of"


def test_an_example_word_maps_back_with_its_letter() -> None:
    text = "it is s as in Sam"
    normalized = normalize_spoken(text, "en")
    at = normalized.text.rindex("s")
    assert text[slice(*normalized.to_original(at, at + 1))] == "s as in Sam"
