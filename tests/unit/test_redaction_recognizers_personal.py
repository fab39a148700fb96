"""Street addresses, dates of birth, ages and usernames, written and spoken, English and Nordic."""

from __future__ import annotations

import pytest

from pipeline.redaction.recognizers.address import address_recognizer
from pipeline.redaction.recognizers.age import age_recognizer
from pipeline.redaction.recognizers.date_of_birth import date_of_birth_recognizer
from pipeline.redaction.recognizers.username import username_recognizer
from tests.unit.recognizer_helpers import analyzed, best_score, found

# --- street addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("jag bor på Storgatan 12B lgh 1102, 702 11 Örebro", "Storgatan 12B lgh 1102"),
        ("skicka till Drottninggatan 5 tack", "Drottninggatan 5"),
        ("det är Kungsvägen 3-5", "Kungsvägen 3-5"),
        ("Mariagränd 7 A", "Mariagränd 7 A"),
        ("adressen er Karl Johans gate 5", "Karl Johans gate 5"),
        ("jeg bor i Storgata 12, leilighet H0102", "Storgata 12, leilighet H0102"),
        ("Trondheimsveien 22", "Trondheimsveien 22"),
        ("Vesterbrogade 12, 3. th.", "Vesterbrogade 12, 3. th."),
        ("min adresse er Nørregade 4 st. tv", "Nørregade 4 st. tv"),
        ("Strandvejen 100", "Strandvejen 100"),
        ("Hämeenkatu 10 B 23", "Hämeenkatu 10 B 23"),
        ("asun Mannerheimintie 5", "Mannerheimintie 5"),
        ("I live at 221B Baker Street", "221B Baker Street"),
        ("send it to 10 Downing Street, London", "10 Downing Street"),
        ("it's 42 Elm Road apt 4B", "42 Elm Road apt 4B"),
    ],
)
def test_street_addresses_are_found(text: str, address: str) -> None:
    assert (address, "STREET_ADDRESS") in found(address_recognizer(), text)


def test_address_word_raises_the_score() -> None:
    text = "min adress är Storgatan 12"
    assert best_score(address_recognizer(), text, "Storgatan 12") == 1.0
    assert best_score(address_recognizer(), "Storgatan 12", "Storgatan 12") == 0.8


def test_street_name_without_number_after_living_words() -> None:
    assert found(address_recognizer(), "jag bor på Storgatan") == [("Storgatan", "STREET_ADDRESS")]
    assert found(address_recognizer(), "I live on Kungsgatan.") == [
        ("Kungsgatan", "STREET_ADDRESS")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I called 3 times yesterday",  # -led is an English verb ending
        "på plan 2 finns kaffe",  # lower-case "plan" is a floor
        "gatan 5 meter bort",  # the bare word "gatan" is no street name
        "I have 3 kids on the street",
    ],
)
def test_non_addresses_are_ignored(text: str) -> None:
    assert found(address_recognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "language", "address"),
    [
        ("jag bor på storgatan ett två", "sv", "storgatan ett två"),
        ("i live at two two one b baker street", "en", "two two one b baker street"),
    ],
)
def test_spoken_addresses_are_found(text: str, language: str, address: str) -> None:
    assert analyzed(text, language) == [(address, "STREET_ADDRESS")]


# --- dates of birth -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("jag är född 12 maj 1981", "12 maj 1981"),
        ("född den 12:e maj 1981", "12:e maj 1981"),
        ("date of birth 1981-05-12", "1981-05-12"),
        ("I was born on May 12th, 1981", "May 12th, 1981"),
        ("born on the twelfth of May 1981", "twelfth of May 1981"),
        ("jeg er født 12.05.81", "12.05.81"),
        ("fødselsdato 12. mai 1981", "12. mai 1981"),
        ("min födelsedag är 19810512", "19810512"),
        ("syntymäaika 12.5.1981", "12.5.1981"),
        ("synnyin 12. toukokuuta 1981", "12. toukokuuta 1981"),
        ("birthday 12/05/1981", "12/05/1981"),
    ],
)
def test_dates_of_birth_near_birth_words(text: str, date: str) -> None:
    assert found(date_of_birth_recognizer(), text) == [(date, "DATE_OF_BIRTH")]


@pytest.mark.parametrize(
    "text",
    [
        "jag ringde den 12 maj 2024",  # a date, but nobody's birth
        "the invoice from 2025-05-12",
        "my invoice from the third of May was twice as high",
        "född 32 maj",  # no such day
        "born 1981-13-12",  # no such month
    ],
)
def test_dates_without_birth_word_or_impossible_dates_are_ignored(text: str) -> None:
    assert found(date_of_birth_recognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("född ett nio åtta ett noll fem ett två", "sv", "ett nio åtta ett noll fem ett två"),
        ("date of birth one nine eight one dash oh five dash one two", "en", None),
        ("född tolfte maj nittonhundraåttioett", "sv", "tolfte maj nittonhundraåttioett"),
        ("jeg er født tolvte mai nitten åtti en", "no", "tolvte mai nitten åtti en"),
        (
            "born on the twelfth of May nineteen eighty one",
            "en",
            "the twelfth of May nineteen eighty one",
        ),
    ],
)
def test_spoken_dates_of_birth_are_found(text: str, language: str, date: str | None) -> None:
    expected = date or text[len("date of birth ") :]
    assert analyzed(text, language) == [(expected, "DATE_OF_BIRTH")]


# --- ages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I am 42 years old", "42"),
        ("she's a 42-year-old teacher", "42"),
        ("jag är 42 år", "42"),
        ("hon är 38 år gammal", "38"),
        ("jeg er 42 år gammel", "42"),
        ("olen 42-vuotias", "42"),
        ("age: 42", "42"),
        ("ålder 42", "42"),
        ("I'm 42", "42"),
    ],
)
def test_ages_are_found(text: str, age: str) -> None:
    assert (age, "AGE") in found(age_recognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm 5 minutes late",
        "jag har varit kund i 5 år",
        "jag är en kund",
        "I am 10 kr short",
        "det kostar 42 kronor",
    ],
)
def test_non_ages_are_ignored(text: str) -> None:
    assert found(age_recognizer(), text) == []


def test_age_words_raise_the_score() -> None:
    assert best_score(age_recognizer(), "I am 42 years old", "42") == 1.0
    assert best_score(age_recognizer(), "jag är 42 år", "42") == 0.6


@pytest.mark.parametrize(
    ("text", "language", "age"),
    [
        ("jag är fyra två år gammal", "sv", "fyra två"),
        ("I am four two years old", "en", "four two"),
        ("jag är fyrtiotvå år", "sv", "fyrtiotvå"),
        ("I am forty two years old", "en", "forty two"),
    ],
)
def test_spoken_ages_are_found(text: str, language: str, age: str) -> None:
    assert analyzed(text, language) == [(age, "AGE")]


# --- usernames ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "username"),
    [
        ("my username is john_smith84", "john_smith84"),
        ("användarnamn: kalle.anka", "kalle.anka"),
        ("mitt användarnamn är kalle-anka", "kalle-anka"),
        ("brukernavn er ola.nordmann", "ola.nordmann"),
        ("brugernavn mette77", "mette77"),
        ("käyttäjätunnus on matti_v", "matti_v"),
        ("login: @jsmith", "@jsmith"),
    ],
)
def test_usernames_after_username_words(text: str, username: str) -> None:
    assert found(username_recognizer(), text) == [(username, "USERNAME")]


@pytest.mark.parametrize(
    "text",
    [
        "I can't log in to the login page",
        "användarnamnet är samma som förut",
        "the username and password",
        "I can handle it",
        "I can't login again",
        "tunnus kalle",
    ],
)
def test_non_usernames_are_ignored(text: str) -> None:
    assert found(username_recognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "language", "username"),
    [
        (
            "username john underscore smith eight four",
            "en",
            "john underscore smith eight four",
        ),
        ("användarnamn kalle punkt anka", "sv", "kalle punkt anka"),
    ],
)
def test_spoken_usernames_are_found(text: str, language: str, username: str) -> None:
    assert analyzed(text, language) == [(username, "USERNAME")]
