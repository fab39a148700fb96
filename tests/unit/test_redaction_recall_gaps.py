"""Recall on the forms ASR produces: lower-case and unlisted names, spoken IBANs and e-mail
addresses, dates of birth and plates; each with a look-alike that must stay untouched."""

from __future__ import annotations

import pytest

from pipeline.redaction.recognizers.date_of_birth import date_of_birth_recognizer
from pipeline.redaction.recognizers.gazetteer import load_gazetteer
from pipeline.redaction.recognizers.iban import iban_recognizer
from pipeline.redaction.recognizers.person import person_recognizer
from pipeline.redaction.recognizers.plate import plate_recognizer
from tests.unit.recognizer_helpers import analyzed, found

IBAN_SE = "se45 5000 0000 0583 9825 7466"
IBAN_GB = "gb82 west 1234 5698 7654 32"


def names(text: str, language: str) -> list[str]:
    recognizer = person_recognizer().for_language(language)
    return [text[s.start : s.end] for s in recognizer.analyze(text)]


def of_type(text: str, language: str, entity_type: str) -> list[str]:
    return [value for value, t in analyzed(text, language) if t == entity_type]


# --- names ----------------------------------------------------------------------------------


def test_gazetteer_lists_english_first_names_and_surnames() -> None:
    g = load_gazetteer()
    for first in ("Priya", "Tobias", "Fiona", "Siobhan"):
        assert g.is_first_name(first), first
    for surname in ("Brennan", "Bradley"):
        assert g.is_surname(surname), surname
    # English names that are words are marked so (they need a cue or a capital).
    assert g.is_ordinary_word("Grace", "en") and g.is_ordinary_word("Chase", "en")


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("yes it's priya o'brien and my customer number", "en", "priya o'brien"),
        ("put down tobias brennan please", "en", "tobias brennan"),
        ("the account holder is ottilie ashdown", "en", "ottilie ashdown"),
        ("my surname is ashdown", "en", "ashdown"),
        ("it's for my wife Fiona", "en", "Fiona"),
        ("skriv upp lisbeth vinterkvist", "sv", "lisbeth vinterkvist"),
        ("kontot står på namnet henrik mårtensson", "sv", "henrik mårtensson"),
        ("min man gustav sjöberg är trettiotre", "sv", "gustav sjöberg"),
        ("hej, lisbeth zaragoza här", "sv", "lisbeth zaragoza"),
        ("efternamnet är vinterkvist", "sv", "vinterkvist"),
        ("skriv opp ola fjeldheim", "no", "ola fjeldheim"),
        ("jeg heter øh kari nordvik", "no", "kari nordvik"),
        ("etternavnet er fjelstad", "no", "fjelstad"),
    ],
)
def test_lower_case_and_unlisted_names_after_cues(text: str, language: str, name: str) -> None:
    assert name in names(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("put down the phone and call me", "en"),
        ("the account holder is me", "en"),
        ("on behalf of my mother", "en"),
        ("this is my account", "en"),
        ("skriv upp det här", "sv"),
        ("min man har ringt", "sv"),
        ("anna har ringt här", "sv"),
    ],
)
def test_weak_cues_before_ordinary_words_find_no_name(text: str, language: str) -> None:
    assert names(text, language) == []


def test_unlisted_first_name_with_a_listed_surname_after_a_weak_cue() -> None:
    assert names("det är ottilie hansen", "sv") == ["ottilie hansen"]
    assert names("this is zubeida thompson", "en") == ["zubeida thompson"]
    # A surname shape alone is not enough: adjectives end in -sen and -nen too.
    assert names("det är väldigt ledsen", "sv") == []
    assert names("olen tosi iloinen", "fi") == []


def test_two_first_names_in_a_list() -> None:
    assert names("det är till maria och johan", "sv") == ["maria", "johan"]
    # "mark" is also a common word: a list needs two names that are no words.
    assert names("it's for mary and mark", "en") == []
    assert names("bread and butter", "en") == []


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("this is michael wright w r i g h t from", "en", "michael wright w r i g h t"),
        ("Yes, Emma O'Brien o b r i e n, thanks", "en", "Emma O'Brien o b r i e n"),
        ("det är anna berg b e r g", "sv", "anna berg b e r g"),
    ],
)
def test_spelling_after_a_name_is_part_of_it(text: str, language: str, name: str) -> None:
    assert of_type(text, language, "PERSON") == [name]


def test_a_lone_letter_after_a_name_is_not_spelling() -> None:
    assert names("this is Anna a friend", "en") == ["Anna"]


# --- IBAN -----------------------------------------------------------------------------------


@pytest.mark.parametrize("iban", [IBAN_SE, IBAN_GB])
def test_lower_case_grouped_iban_is_found_without_context(iban: str) -> None:
    assert found(iban_recognizer(), f"please refund it to {iban}.") == [(iban, "IBAN")]


def test_lower_case_iban_does_not_swallow_the_next_word() -> None:
    text = f"iban er {IBAN_SE} takk"
    assert found(iban_recognizer(), text) == [(IBAN_SE, "IBAN")]


def test_lower_case_iban_shape_with_bad_check_digits_needs_context() -> None:
    assert found(iban_recognizer(), "version ab12 3456 7890 1234 is out") == []


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        (
            "my iban is g b eight two west one two three four five six nine eight seven six "
            "five four three two thanks",
            "en",
            "g b eight two west one two three four five six nine eight seven six five four "
            "three two",
        ),
        (
            "mitt iban är s e fyra fem fem noll noll noll noll noll noll noll fem åtta tre nio "
            "åtta två fem sju fyra sex sex",
            "sv",
            "s e fyra fem fem noll noll noll noll noll noll noll fem åtta tre nio åtta två fem "
            "sju fyra sex sex",
        ),
    ],
)
def test_spoken_iban_is_found(text: str, language: str, spoken: str) -> None:
    assert of_type(text, language, "IBAN") == [spoken]


# --- e-mail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        (
            "Mejladressen ska vara astrid punkt björklund snabel-a hotmail punkt se.",
            "sv",
            "astrid punkt björklund snabel-a hotmail punkt se",
        ),
        (
            "skicka till åsa understreck nguyen snabel-a hotmail punkt se",
            "sv",
            "åsa understreck nguyen snabel-a hotmail punkt se",
        ),
        (
            "it's anna underscore smith at gmail dot com",
            "en",
            "anna underscore smith at gmail dot com",
        ),
    ],
)
def test_spoken_email_with_nordic_letters_and_underscores(
    text: str, language: str, spoken: str
) -> None:
    assert of_type(text, language, "EMAIL") == [spoken]


@pytest.mark.parametrize(
    ("text", "language"),
    [("det är punkt för punkt", "sv"), ("look at the bill", "en"), ("åsa är här", "sv")],
)
def test_spoken_symbols_without_an_address_are_no_email(text: str, language: str) -> None:
    assert of_type(text, language, "EMAIL") == []


# --- dates of birth -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Jag är född 11.06.1998.", "11.06.1998"),
        ("Jeg er født 18.03.1975.", "18.03.1975"),
        ("born 12 05 1981", "12 05 1981"),
        ("date of birth 12051981", "12051981"),
    ],
)
def test_dates_of_birth_at_sentence_end_spaced_and_compact(text: str, value: str) -> None:
    assert found(date_of_birth_recognizer(), text) == [(value, "DATE_OF_BIRTH")]


@pytest.mark.parametrize(
    "text", ["born 12.05.1981.5", "the meeting is 12 05 1981", "order 12051981 shipped"]
)
def test_no_date_of_birth_without_a_birth_word_or_inside_a_number(text: str) -> None:
    assert found(date_of_birth_recognizer(), text) == []


def test_spoken_compact_date_of_birth() -> None:
    text = "date of birth twelve oh five nineteen eighty one"
    assert of_type(text, "en", "DATE_OF_BIRTH") == ["twelve oh five nineteen eighty one"]


# --- plates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("The car is registered as AT60 LAP.", "AT60 LAP"),
        ("Registration yh37 caf, it's a grey Volvo.", "yh37 caf"),
        ("regnummer sjj 39z, en grå volvo.", "sjj 39z"),
        ("bilen har registreringsnummer thh 016", "thh 016"),
        ("bilen har nummerplade zr 80 475", "zr 80 475"),
    ],
)
def test_british_and_spaced_lower_case_plates(text: str, plate: str) -> None:
    assert plate in [value for value, _ in found(plate_recognizer(), text)]


@pytest.mark.parametrize(
    "text",
    ["my car is 4111 days old", "bilen har 12 000 mil", "bilen kostar på 120 000 kr"],
)
def test_short_words_before_numbers_near_plate_words_are_no_plate(text: str) -> None:
    assert found(plate_recognizer(), text) == []


def test_spoken_british_plate() -> None:
    text = "the car is registered as j m three eight h d g."
    assert of_type(text, "en", "VEHICLE_PLATE") == ["j m three eight h d g"]
