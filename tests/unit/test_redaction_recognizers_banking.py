"""Bankgiro, plusgiro, bank account numbers, Norwegian kontonummer, card CVV and expiry."""

from __future__ import annotations

import pytest
from stdnum import luhn
from stdnum.no import kontonr

from pipeline.redaction.recognizers.bank_account import (
    bank_account_recognizer,
    no_kontonr_recognizer,
)
from pipeline.redaction.recognizers.card_security import card_expiry_recognizer, cvv_recognizer
from pipeline.redaction.recognizers.giro import bankgiro_recognizer, plusgiro_recognizer
from tests.unit.recognizer_helpers import analyzed, best_score, found


def with_luhn(digits: str) -> str:
    """A fake number completed with the Luhn check digit stdnum computes."""
    return digits + luhn.calc_check_digit(digits)


def with_wrong_luhn(digits: str) -> str:
    right = luhn.calc_check_digit(digits)
    return digits + str((int(right) + 1) % 10)


# Fakes made valid by stdnum; none belongs to anyone on purpose.
BANKGIRO_8 = with_luhn("5050105")  # 5050-105x
BANKGIRO_7 = with_luhn("123456")
PLUSGIRO = with_luhn("471")
KONTONR = next(f"1234567890{d}" for d in "0123456789" if kontonr.is_valid(f"1234567890{d}"))

SV_DIGITS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio")
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spoken(number: str, words: tuple[str, ...]) -> str:
    """Digit by digit; other characters are left out."""
    return " ".join(words[int(ch)] for ch in number if ch.isdigit())


def dashed(number: str) -> str:
    return f"{number[:-4]}-{number[-4:]}"


def test_fakes_are_luhn_and_mod11_valid() -> None:
    assert luhn.is_valid(BANKGIRO_8) and luhn.is_valid(BANKGIRO_7) and luhn.is_valid(PLUSGIRO)
    assert kontonr.is_valid(KONTONR)


# --- bankgiro -------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [dashed(BANKGIRO_8), dashed(BANKGIRO_7)])
def test_bankgiro_dashed_valid_is_found_alone_and_lifted_by_context(number: str) -> None:
    assert found(bankgiro_recognizer(), f"det är {number}") == [(number, "BANK_ACCOUNT")]
    assert best_score(bankgiro_recognizer(), f"betala till bankgiro {number}", number) == 0.8
    assert best_score(bankgiro_recognizer(), f"pay to giro {number}", number) == 0.8


def test_bankgiro_compact_needs_context() -> None:
    assert found(bankgiro_recognizer(), f"ref {BANKGIRO_8}") == []
    assert found(bankgiro_recognizer(), f"bankgironummer {BANKGIRO_8}") == [
        (BANKGIRO_8, "BANK_ACCOUNT")
    ]


def test_bankgiro_failing_luhn_is_kept_only_near_context() -> None:
    bad = dashed(with_wrong_luhn("5050105"))
    assert found(bankgiro_recognizer(), f"det är {bad}") == []
    assert best_score(bankgiro_recognizer(), f"bankgiro {bad}", bad) == 0.45


def test_bankgiro_spoken_in_swedish_is_found() -> None:
    words = spoken(BANKGIRO_8, SV_DIGITS)
    assert analyzed(f"bankgiro {words}", "sv") == [(words, "BANK_ACCOUNT")]


# --- plusgiro -------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [f"{PLUSGIRO[:-1]}-{PLUSGIRO[-1]}", PLUSGIRO])
def test_plusgiro_valid_is_found_near_plusgiro_word(number: str) -> None:
    assert found(plusgiro_recognizer(), f"plusgiro {number}") == [(number, "BANK_ACCOUNT")]
    assert found(plusgiro_recognizer(), f"postgiro account {number}") == [(number, "BANK_ACCOUNT")]


def test_plusgiro_shape_alone_is_not_enough() -> None:
    assert found(plusgiro_recognizer(), f"room {PLUSGIRO[:-1]}-{PLUSGIRO[-1]}") == []


def test_plusgiro_failing_luhn_near_word_scores_low() -> None:
    bad = with_wrong_luhn("471")
    assert best_score(plusgiro_recognizer(), f"plusgiro {bad}", bad) == 0.45


def test_plusgiro_spoken_in_english_is_found() -> None:
    words = spoken(PLUSGIRO, EN_DIGITS)
    assert analyzed(f"our plusgiro is {words}", "en") == [(words, "BANK_ACCOUNT")]


# --- bank accounts in context ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "mitt clearingnummer är 8327-9 och kontonummer 123 456 789-0",
            ["8327-9", "123 456 789-0"],
        ),
        ("reg.nr. 1234 kontonr. 1234567890", ["1234", "1234567890"]),
        ("my bank account is 12345678, sort code 12-34-56", ["12345678", "12-34-56"]),
        ("tilinumero 1234 5678 9012", ["1234 5678 9012"]),
    ],
)
def test_bank_account_digits_near_account_words(text: str, values: list[str]) -> None:
    assert found(bank_account_recognizer(), text) == sorted((v, "BANK_ACCOUNT") for v in values)


def test_bank_account_digits_without_account_word_are_ignored() -> None:
    assert found(bank_account_recognizer(), "ring 1234 5678 9012 på kontoret") == []


def test_bank_account_spoken_in_swedish_is_found() -> None:
    words = "åtta tre två sju nio ett två tre fyra fem sex"
    assert analyzed(f"kontonummer {words}", "sv") == [(words, "BANK_ACCOUNT")]


# --- Norwegian kontonummer ------------------------------------------------------------------


@pytest.mark.parametrize("sep", [".", " "])
def test_no_kontonr_valid_is_found_without_context(sep: str) -> None:
    number = sep.join((KONTONR[:4], KONTONR[4:6], KONTONR[6:]))
    assert found(no_kontonr_recognizer(), f"betal til {number}") == [(number, "BANK_ACCOUNT")]
    assert best_score(no_kontonr_recognizer(), f"kontonummer {number}", number) == 0.9


def test_no_kontonr_failing_mod11_needs_context() -> None:
    bad = next(f"1234.56.7890{d}" for d in "0123456789" if not kontonr.is_valid(f"1234567890{d}"))
    assert found(no_kontonr_recognizer(), f"betal til {bad}") == []
    assert best_score(no_kontonr_recognizer(), f"kontonummeret er {bad}", bad) == 0.45


# --- card security code and expiry ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("and the cvv is 123", "123"),
        ("CVC: 4321", "4321"),
        ("säkerhetskoden är 987", "987"),
        ("de tre siffrorna på baksidan är 456", "456"),
        ("sikkerhedskode 111", "111"),
        ("turvakoodi 222", "222"),
    ],
)
def test_cvv_near_security_code_words(text: str, value: str) -> None:
    assert found(cvv_recognizer(), text) == [(value, "CARD_CVV")]


@pytest.mark.parametrize("text", ["room 123 please", "it costs 299 kronor", "kort 123"])
def test_cvv_shape_without_cvv_word_is_ignored(text: str) -> None:
    assert found(cvv_recognizer(), text) == []


@pytest.mark.parametrize(("language", "words"), [("en", "one two three"), ("sv", "ett två tre")])
def test_cvv_spoken_is_found(language: str, words: str) -> None:
    assert analyzed(f"cvv {words}", language) == [(words, "CARD_CVV")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("expiry 05/27", "05/27"),
        ("it expires 5/2027", "5/2027"),
        ("utgångsdatum 12-26", "12-26"),
        ("kortet går ut maj tjugosju", "maj tjugosju"),
        ("valid thru May 2027", "May 2027"),
        ("udløbsdato marts 28", "marts 28"),
        ("voimassa toukokuu 27", "toukokuu 27"),
    ],
)
def test_card_expiry_near_expiry_words(text: str, value: str) -> None:
    assert found(card_expiry_recognizer(), text) == [(value, "CARD_EXPIRY")]


def test_card_expiry_needs_an_expiry_word_and_a_real_month() -> None:
    assert found(card_expiry_recognizer(), "we won 05/27 ok") == []
    assert found(card_expiry_recognizer(), "expiry 13/27") == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("kortet går ut i maj tjugosju", "sv", "maj tjugosju"),
        ("my card expires may twenty seven", "en", "may twenty seven"),
    ],
)
def test_card_expiry_with_month_name_and_spoken_year(text: str, language: str, value: str) -> None:
    assert analyzed(text, language) == [(value, "CARD_EXPIRY")]


def test_card_expiry_spoken_with_slash_word_is_found() -> None:
    text = "the expiry date is oh five slash two seven"
    assert analyzed(text, "en") == [("oh five slash two seven", "CARD_EXPIRY")]


def test_card_number_cvv_and_expiry_in_one_utterance() -> None:
    text = "my card is 4111 1111 1111 1111 and cvv 123 expiry 05/27"
    assert analyzed(text, "en") == [
        ("4111 1111 1111 1111", "CARD_NUMBER"),
        ("123", "CARD_CVV"),
        ("05/27", "CARD_EXPIRY"),
    ]
