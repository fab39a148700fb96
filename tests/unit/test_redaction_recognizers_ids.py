"""Identifier recognizers: cards, IBAN, personnummer, orgnr, customer IDs, the NUMBER net."""

from __future__ import annotations

import pytest
from stdnum import luhn
from stdnum.se import orgnr, personnummer

from pipeline.redaction.recognizers.card import card_recognizer
from pipeline.redaction.recognizers.customer_id import customer_id_recognizer
from pipeline.redaction.recognizers.iban import iban_recognizer
from pipeline.redaction.recognizers.number import number_recognizer
from pipeline.redaction.recognizers.se_orgnr import orgnr_recognizer
from pipeline.redaction.recognizers.se_personnummer import personnummer_recognizer
from tests.unit.recognizer_helpers import analyzed, best_score, found


def with_check_digit(digits: str) -> str:
    """A fake number completed with a valid Luhn check digit (stdnum computes it)."""
    return digits + luhn.calc_check_digit(digits)


# Fakes made valid with stdnum; none belongs to anyone on purpose.
PNR_12 = "19811218-9876"
PNR_10 = "811218-9876"
SAMORDNING = with_check_digit("811278987")  # day 78 = 18 + 60
ORGNR = with_check_digit("559912345")
CARD = "4111 1111 1111 1111"
IBAN = "SE45 5000 0000 0583 9825 7466"


def test_fakes_are_checksum_valid() -> None:
    assert personnummer.is_valid(PNR_12) and personnummer.is_valid(PNR_10)
    assert orgnr.is_valid(ORGNR)
    assert luhn.is_valid(CARD.replace(" ", ""))


# --- payment cards --------------------------------------------------------------------------


@pytest.mark.parametrize("card", [CARD, "4111-1111-1111-1111", "4111111111111111"])
def test_card_passing_luhn_is_found_with_any_separator(card: str) -> None:
    text = f"number {card} please"
    assert set(found(card_recognizer(), text)) == {(card, "CARD_NUMBER")}
    assert best_score(card_recognizer(), text, card) >= 0.85


def test_card_failing_luhn_is_dropped_without_context() -> None:
    assert found(card_recognizer(), "reference 4111 1111 1111 1112") == []


def test_card_failing_luhn_near_card_word_is_kept_with_low_score() -> None:
    text = "my card is 4111 1111 1111 1112"
    assert best_score(card_recognizer(), text, "4111 1111 1111 1112") == pytest.approx(0.45)


def test_card_swedish_context_word_matches_compound() -> None:
    text = "kortnumret är 4111 1111 1111 1112"
    assert found(card_recognizer(), text)


def test_card_spoken_in_english_is_found() -> None:
    text = "my card is four one one one " + "one one one one " * 3
    assert analyzed(text.strip(), "en") == [(text.strip()[11:], "CARD_NUMBER")]


# --- IBAN -----------------------------------------------------------------------------------


def test_iban_grouped_is_valid() -> None:
    text = f"IBAN {IBAN} and then"
    assert found(iban_recognizer(), text) == [(IBAN, "IBAN")]
    assert best_score(iban_recognizer(), text, IBAN) == 1.0


def test_iban_compact_lower_case_is_valid() -> None:
    assert found(iban_recognizer(), "se4550000000058398257466") == [
        ("se4550000000058398257466", "IBAN")
    ]


def test_iban_bad_check_digits_need_context() -> None:
    bad = "SE46 5000 0000 0583 9825 7466"
    assert found(iban_recognizer(), f"reference {bad}") == []
    assert best_score(iban_recognizer(), f"mitt konto {bad}", bad) == pytest.approx(0.45)


def test_iban_spelled_country_and_spoken_digits_is_found() -> None:
    digits = "four five five zero zero zero zero zero zero zero zero five eight three nine eight"
    text = f"my IBAN is S E {digits} two five seven four six six"
    assert analyzed(text, "en") == [(text[11:], "IBAN")]


# --- Swedish personnummer / samordningsnummer -------------------------------------------------


@pytest.mark.parametrize(
    "number", [PNR_12, PNR_10, "198112189876", "8112189876", "811218+9876", SAMORDNING]
)
def test_personnummer_valid_forms_score_high(number: str) -> None:
    text = f"det är {number}"
    assert (number, "NATIONAL_ID") in found(personnummer_recognizer(), text)
    assert best_score(personnummer_recognizer(), text, number) >= 0.8


def test_personnummer_failing_checksum_is_kept_near_context_word() -> None:
    bad = "19811218-9875"
    assert found(personnummer_recognizer(), f"nummer {bad}") == []
    text = f"mitt personnummer är {bad}"
    assert best_score(personnummer_recognizer(), text, bad) == pytest.approx(0.45)


def test_personnummer_english_context_word_raises_score() -> None:
    text = f"my social security number is {PNR_10}"
    assert best_score(personnummer_recognizer(), text, PNR_10) == 1.0


def test_personnummer_spoken_in_swedish_is_found() -> None:
    text = "personnummer ett nio åtta ett ett två ett åtta nio åtta sju sex"
    assert analyzed(text, "sv") == [(text[13:], "NATIONAL_ID")]


def test_personnummer_spoken_in_english_with_dash_is_found() -> None:
    text = "it is one nine eight one one two one eight dash nine eight seven six"
    assert analyzed(text, "en") == [(text[6:], "NATIONAL_ID")]


# --- Swedish organisationsnummer ------------------------------------------------------------


def test_orgnr_valid_is_found() -> None:
    number = f"{ORGNR[:6]}-{ORGNR[6:]}"
    assert found(orgnr_recognizer(), f"orgnr {number}") == [(number, "ORG_NUMBER")]


def test_orgnr_failing_checksum_needs_context() -> None:
    bad = ORGNR[:-1] + str((int(ORGNR[-1]) + 1) % 10)
    assert found(orgnr_recognizer(), f"ref {bad}") == []
    assert found(orgnr_recognizer(), f"organisationsnummer {bad}") == [(bad, "ORG_NUMBER")]


# --- customer IDs ---------------------------------------------------------------------------


@pytest.mark.parametrize("cid", ["CID-44129", "CID 44129", "CID44129"])
def test_customer_id_default_pattern(cid: str) -> None:
    assert (cid, "CUSTOMER_ID") in found(customer_id_recognizer(), f"it is {cid} ok")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("customer number is 55501234", "55501234"),
        ("my customer id: A-4412", "A-4412"),
        ("kundnummer är 12 34 56", "12 34 56"),
    ],
)
def test_customer_id_after_context_words(text: str, value: str) -> None:
    assert (value, "CUSTOMER_ID") in found(customer_id_recognizer(), text)


def test_customer_id_patterns_are_configurable() -> None:
    recognizer = customer_id_recognizer([r"\bKN\d{6}\b"])
    assert found(recognizer, "ref KN123456") == [("KN123456", "CUSTOMER_ID")]
    assert found(recognizer, "ref CID-44129") == []


def test_customer_id_spoken_is_found() -> None:
    text = "customer number four four one two nine"
    assert analyzed(text, "en") == [("four four one two nine", "CUSTOMER_ID")]


# --- NUMBER safety net -----------------------------------------------------------------------


def test_number_net_catches_six_or_more_digits_anywhere() -> None:
    assert found(number_recognizer(), "order 123 456 and code ABC1234567, room 12345") == [
        ("123 456", "NUMBER"),
        ("1234567", "NUMBER"),
    ]


def test_unvalidated_digit_run_is_redacted_as_number() -> None:
    assert analyzed("order 1234567 shipped", "en") == [("1234567", "NUMBER")]
