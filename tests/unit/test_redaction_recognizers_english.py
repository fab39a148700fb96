"""English coverage beyond the Nordic lists: Census names, street grammar, ZIP codes, ages,
dates of birth as said, places and organisations; each with look-alikes that stay untouched."""

from __future__ import annotations

import pytest

from pipeline.redaction.recognizers.gazetteer import gazetteer_for
from pipeline.redaction.recognizers.organization import organization_recognizer
from pipeline.redaction.recognizers.person import person_recognizer
from pipeline.redaction.recognizers.place import place_recognizer
from pipeline.redaction.recognizers.street import street_recognizer
from pipeline.redaction.recognizers.zip_code import zip_code_recognizer
from tests.unit.recognizer_helpers import analyzed, found


def names(text: str, language: str = "en") -> list[str]:
    recognizer = person_recognizer().for_language(language)
    return [text[s.start : s.end] for s in recognizer.analyze(text)]


def of_type(text: str, entity_type: str, language: str = "en") -> list[str]:
    return [value for value, t in analyzed(text, language) if t == entity_type]


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Census first name + one of the most frequent surnames, which is also a word.
        ("can you add katie smith to the account", "katie smith"),
        ("put stewart rogers down as the second user", "stewart rogers"),
        # A listed first name before a word that is no common English word.
        ("yes alister ledwith that's right", "alister ledwith"),
        ("yes malcolm o'beirne that's right", "malcolm o'beirne"),
        # An unknown word before a listed surname.
        ("i think zubeida thompson called", "zubeida thompson"),
        # Thanks and greetings are said to someone by name.
        ("thanks sarah", "sarah"),
    ],
)
def test_lower_case_english_names_from_the_census_lists_are_found(text: str, name: str) -> None:
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "it's fine, thanks",  # "Fine" is a surname, "fine" a word
        "this is long overdue",
        "thank you so much",
        "username john underscore smith",  # a first name after a tech word is no surname
        "the wifi router restarted twice",
        "may i help you with anything else",
    ],
)
def test_words_that_are_also_census_names_are_not_names(text: str) -> None:
    assert names(text) == []


def test_census_names_do_not_judge_nordic_transcripts() -> None:
    # "tosi" (Finnish: very) is a Census name; a Finnish transcript keeps the Nordic lists.
    assert gazetteer_for("fi").is_name("tosi") is False
    assert gazetteer_for("en").is_name("tosi") is True
    assert names("olen tosi iloinen", "fi") == []


# --- street addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("i live at twelve birchwood lane", "twelve birchwood lane"),
        ("it's 1600 maple avenue", "1600 maple avenue"),
        ("send it to 221b baker street please", "221b baker street"),
        ("we moved to 422 Howell Trace last spring", "422 Howell Trace"),
        (
            "i live at three hundred and eighteen mcdonald plains",
            "three hundred and eighteen mcdonald plains",
        ),
        (
            "address is sixteen oh four kaur wells apt twelve",
            "sixteen oh four kaur wells apt twelve",
        ),
        ("Meine Adresse ist Hauptstraße 5", "Hauptstraße 5"),
        ("Karl-Marx-Allee 10, Berlin", "Karl-Marx-Allee 10"),
        ("schlosserstraße 1026 in pößneck", "schlosserstraße 1026"),
    ],
)
def test_street_addresses_in_us_uk_and_german_formats(text: str, address: str) -> None:
    assert found(street_recognizer(), text) == [(address, "STREET_ADDRESS")]


@pytest.mark.parametrize(
    "text",
    [
        "the main street of the problem is billing",
        "we're on version 2.1 of the app",
        "it costs 40 dollars a month",
        "it's a twenty minutes walk from here",
        "it's a one way street",
        "the box has four green lights",  # "Lights" is a street type, "green" a word
        "during 5 years nothing happened",
    ],
)
def test_numbers_before_street_words_in_ordinary_talk_are_no_address(text: str) -> None:
    assert found(street_recognizer(), text) == []


# --- ZIP codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Springfield, IL 62704", "62704"),
        ("Austin, Texas 78701-1234", "78701-1234"),
        ("My address is 4b Williamson Burgs, Gifhorn, 48029.", "48029"),
        ("It's Taylorfort, 32518.", "32518"),
        ("Hauptstraße 5, 10115 Berlin", "10115"),
    ],
)
def test_zip_codes_after_states_addresses_and_towns(text: str, code: str) -> None:
    assert found(zip_code_recognizer(), text) == [(code, "POSTCODE")]


def test_spoken_zip_code_is_found_through_the_normalized_text() -> None:
    assert of_type("my zip code is nine oh two one oh", "POSTCODE") == ["nine oh two one oh"]


@pytest.mark.parametrize(
    "text",
    ["order 12345 shipped yesterday", "it costs 40 dollars", "we paid 12000 in 2024"],
)
def test_five_digit_numbers_without_an_address_are_no_zip_code(text: str) -> None:
    assert found(zip_code_recognizer(), text) == []


# --- ages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("i'm forty two", "forty two"),
        ("I am 42 years old", "42"),
        ("she's aged 42", "42"),
        ("he turned sixty last week", "sixty"),
        ("He turned 60 in May.", "60"),
        ("my son is nine", "nine"),
        ("diagnosed at the age of 33", "33"),
    ],
)
def test_ages_as_people_say_them(text: str, age: str) -> None:
    assert of_type(text, "AGE") == [age]


@pytest.mark.parametrize(
    "text",
    [
        "it will be 40 dollars",
        "call me back in 10 minutes",
        "the meeting will be 3 pm",
        "my son is nine minutes away",
    ],
)
def test_prices_times_and_durations_are_no_age(text: str) -> None:
    assert of_type(text, "AGE") == []


# --- dates of birth -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The spoken date is read whole, its article too.
        ("i was born on the fourth of july nineteen eighty", "the fourth of july nineteen eighty"),
        ("born 12/03/1985", "12/03/1985"),
        ("i was born on march third", "march third"),
        ("my date of birth is may twenty third", "may twenty third"),
        # A whole date with a birth-plausible year needs no birth word.
        ("it's 12/03/1985 on the form", "12/03/1985"),
        ("verification: 17 March 1970", "17 March 1970"),
    ],
)
def test_dates_of_birth_as_people_say_them(text: str, date: str) -> None:
    assert of_type(text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    "text",
    [
        "may i help you",
        "we're on version 2.1",
        "the invoice from 2025-05-12 was wrong",
        "my invoice from the third of May was twice as high",
    ],
)
def test_dates_that_are_no_birth_date_stay(text: str) -> None:
    assert of_type(text, "DATE_OF_BIRTH") == []


# --- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("i'm calling from göppingen", "en", "göppingen"),
        ("we moved to new york last year", "en", "new york"),
        ("I live in Bath now", "en", "Bath"),
        ("jag bor i malmö", "sv", "malmö"),
    ],
)
def test_listed_places_in_any_case(text: str, language: str, place: str) -> None:
    assert found(place_recognizer().for_language(language), text) == [(place, "LOCATION")]


@pytest.mark.parametrize(
    "text",
    [
        "may i help you",
        "i was in reading all day",  # Reading is a town, reading a word
        "Bath is nice but the shower is better",  # a common word opening a sentence
        "turn to china",  # china is a word in lower case
        "i live in the main house",
    ],
)
def test_place_names_that_are_words_need_a_capital_inside_a_sentence(text: str) -> None:
    assert found(place_recognizer().for_language("en"), text) == []


# --- organisations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("I work for Byggmästarna AB.", "Byggmästarna AB"),
        ("The contract is with Stone Group ASA, not me.", "Stone Group ASA"),
        ("Nordhavn Consult A/S sent it", "Nordhavn Consult A/S"),
        ("we bank with Smith & Sons Ltd", "Smith & Sons Ltd"),
        ("i work for boyle logistics oy", "boyle logistics oy"),
        ("the contract is with smith media limited", "smith media limited"),
        ("it's price group l l c", "price group l l c"),
    ],
)
def test_organisations_with_legal_suffixes(text: str, organisation: str) -> None:
    assert found(organization_recognizer(), text) == [(organisation, "ORGANIZATION")]


@pytest.mark.parametrize(
    "text",
    ["my data is limited", "it is very limited", "i work as a nurse", "she has a b in maths"],
)
def test_suffix_words_in_ordinary_talk_name_no_organisation(text: str) -> None:
    assert found(organization_recognizer(), text) == []


# --- spoken IPs and IBANs -------------------------------------------------------------------


def test_spoken_ip_address_digit_by_digit() -> None:
    text = "my ip is one nine two dot one six eight dot one dot twenty"
    assert of_type(text, "IP_ADDRESS") == ["one nine two dot one six eight dot one dot twenty"]


def test_spoken_iban_letter_by_letter() -> None:
    text = (
        "my iban is g b eight two w e s t one two three four five six nine eight seven six"
        " five four three two"
    )
    spans = of_type(text, "IBAN")
    assert spans and spans[0].startswith("g b eight two") and spans[0].endswith("three two")
