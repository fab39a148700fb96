"""Nordic national IDs: Norwegian fødselsnummer, Danish CPR, Finnish HETU, Swedish
samordningsnummer; valid and failing checks, written and spoken, English and Nordic context."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from stdnum import luhn
from stdnum.dk import cpr
from stdnum.fi import hetu
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

from pipeline.redaction.recognizers.dk_cpr import cpr_recognizer
from pipeline.redaction.recognizers.fi_hetu import hetu_recognizer
from pipeline.redaction.recognizers.no_fodselsnummer import fodselsnummer_recognizer
from pipeline.redaction.recognizers.se_personnummer import (
    personnummer_recognizer,
    valid_personnummer,
)
from tests.unit.recognizer_helpers import analyzed, best_score, found

HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def complete(prefix: str, alphabet: str, is_valid: Callable[[str], bool]) -> str:
    """`prefix` plus the one character that stdnum accepts (the checksum stays stdnum's)."""
    return next(prefix + c for c in alphabet if is_valid(prefix + c))


def broken(number: str, is_valid: Callable[[str], bool]) -> str:
    """`number` with its last digit changed so that stdnum rejects it."""
    return next(number[:-1] + d for d in "0123456789" if not is_valid(number[:-1] + d))


# Fakes made valid by stdnum; none belongs to anyone on purpose.
def fodselsnummer_fake(birth: str, individual: str) -> str:
    """Birth date and individual digits completed with stdnum's two check digits."""
    first = fodselsnummer.calc_check_digit1(birth + individual)
    return birth + individual + first + fodselsnummer.calc_check_digit2(birth + individual + first)


FNR = fodselsnummer_fake("010190", "124")
D_NUMBER = fodselsnummer_fake("410190", "123")  # D-number: day + 40
CPR = "0101901234"
HETU = complete("010190-123", HETU_CHECK_CHARS, hetu.is_valid)
SAMORDNING = "811278-" + "987" + luhn.calc_check_digit("811278987")  # day 78 = 18 + 60

EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SV_DIGITS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio")
DA_DIGITS = ("nul", "et", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni")


def spoken(number: str, words: tuple[str, ...]) -> str:
    """Digit by digit; a dash is said "dash", a letter as itself in lower case."""
    return " ".join(
        words[int(ch)] if ch.isdigit() else "dash" if ch == "-" else ch.lower() for ch in number
    )


def test_fakes_are_valid_for_stdnum() -> None:
    assert fodselsnummer.is_valid(FNR) and fodselsnummer.is_valid(D_NUMBER)
    assert cpr.is_valid(CPR)
    assert hetu.is_valid(HETU)
    assert not personnummer.is_valid(SAMORDNING) and valid_personnummer(SAMORDNING)


# --- Norwegian fødselsnummer ----------------------------------------------------------------


@pytest.mark.parametrize("number", [FNR, f"{FNR[:6]} {FNR[6:]}", f"{FNR[:6]}-{FNR[6:]}", D_NUMBER])
def test_fodselsnummer_valid_forms_are_found(number: str) -> None:
    text = f"nummeret er {number} ja"
    assert found(fodselsnummer_recognizer(), text) == [(number, "NATIONAL_ID")]
    assert best_score(fodselsnummer_recognizer(), text, number) >= 0.8


def test_fodselsnummer_context_in_norwegian_and_english_raises_the_score() -> None:
    for text in (f"mitt fødselsnummer er {FNR}", f"my national id is {FNR}"):
        assert best_score(fodselsnummer_recognizer(), text, FNR) == 1.0


def test_fodselsnummer_failing_check_is_kept_only_near_context() -> None:
    bad = broken(FNR, fodselsnummer.is_valid)
    assert found(fodselsnummer_recognizer(), f"ref {bad}") == []
    assert best_score(fodselsnummer_recognizer(), f"fødselsnummer {bad}", bad) == 0.45


def test_fodselsnummer_spoken_in_english_is_found() -> None:
    text = f"my personal number is {spoken(FNR, EN_DIGITS)}"
    assert analyzed(text, "en") == [(spoken(FNR, EN_DIGITS), "NATIONAL_ID")]


def test_fodselsnummer_spoken_in_swedish_digits_is_found() -> None:
    # Norwegian digit words are the normalizer's to add; Swedish ones work today.
    text = f"fødselsnummer {spoken(FNR, SV_DIGITS)}"
    assert analyzed(text, "sv") == [(spoken(FNR, SV_DIGITS), "NATIONAL_ID")]


# --- Danish CPR -----------------------------------------------------------------------------


def test_cpr_dashed_valid_date_is_found_and_lifted_by_context() -> None:
    number = f"{CPR[:6]}-{CPR[6:]}"
    assert found(cpr_recognizer(), f"det er {number}") == [(number, "NATIONAL_ID")]
    assert best_score(cpr_recognizer(), f"mit CPR-nummer er {number}", number) == 1.0
    assert best_score(cpr_recognizer(), f"my personal number is {number}", number) == 1.0


def test_cpr_beats_a_phone_reading_near_cpr_word() -> None:
    number = f"{CPR[:6]}-{CPR[6:]}"
    assert analyzed(f"mit cpr-nummer er {number}", "da") == [(number, "NATIONAL_ID")]


def test_cpr_without_context_scores_below_a_valid_phone_number() -> None:
    assert best_score(cpr_recognizer(), f"ring {CPR}", CPR) < 0.75


def test_cpr_impossible_date_is_kept_only_near_context() -> None:
    bad = "3213901234"  # day 32, month 13
    assert not cpr.is_valid(bad)
    assert found(cpr_recognizer(), f"ref {bad}") == []
    assert best_score(cpr_recognizer(), f"CPR {bad}", bad) == 0.45


def test_cpr_spoken_in_danish_is_found() -> None:
    words = " ".join(DA_DIGITS[int(ch)] for ch in CPR)
    assert analyzed(f"mit cpr nummer er {words}", "da") == [(words, "NATIONAL_ID")]


def test_cpr_spoken_in_english_is_found() -> None:
    words = spoken(f"{CPR[:6]}-{CPR[6:]}", EN_DIGITS)
    assert analyzed(f"my cpr number is {words}", "en") == [(words, "NATIONAL_ID")]


# --- Finnish HETU ---------------------------------------------------------------------------


def test_hetu_valid_is_found_with_finnish_and_english_context() -> None:
    assert best_score(hetu_recognizer(), f"henkilötunnus {HETU}", HETU) == 1.0
    assert best_score(hetu_recognizer(), f"my personal identity code is {HETU}", HETU) == 1.0
    assert found(hetu_recognizer(), f"se on {HETU}.") == [(HETU, "NATIONAL_ID")]


@pytest.mark.parametrize("century", ["A", "Y", "+"])
def test_hetu_other_century_signs_are_valid(century: str) -> None:
    number = complete(f"010190{century}123", HETU_CHECK_CHARS, hetu.is_valid)
    assert found(hetu_recognizer(), f"hetu {number}") == [(number, "NATIONAL_ID")]


def test_hetu_wrong_check_character_is_kept_only_near_context() -> None:
    bad = HETU[:-1] + next(c for c in HETU_CHECK_CHARS if c != HETU[-1])
    assert found(hetu_recognizer(), f"koodi {bad}") == []
    assert best_score(hetu_recognizer(), f"henkilötunnukseni on {bad}", bad) == 0.45


def test_hetu_spoken_with_letter_is_found_in_lower_case() -> None:
    words = spoken(HETU, EN_DIGITS)
    assert analyzed(f"my hetu is {words}", "en") == [(words, "NATIONAL_ID")]


# --- Swedish samordningsnummer --------------------------------------------------------------


def test_samordningsnummer_valid_is_found_with_swedish_and_english_context() -> None:
    assert (
        best_score(personnummer_recognizer(), f"samordningsnummer {SAMORDNING}", SAMORDNING) == 1.0
    )
    assert best_score(personnummer_recognizer(), f"my id number is {SAMORDNING}", SAMORDNING) == 1.0


def test_samordningsnummer_failing_luhn_or_day_is_kept_only_near_context() -> None:
    bad_luhn = broken(SAMORDNING, valid_personnummer)
    bad_day = "811298-" + "987" + luhn.calc_check_digit("811298987")  # day 98 - 60 = 38
    for bad in (bad_luhn, bad_day):
        assert not valid_personnummer(bad)
        assert found(personnummer_recognizer(), f"ref {bad}") == []
        assert found(personnummer_recognizer(), f"samordningsnummer {bad}") == [
            (bad, "NATIONAL_ID")
        ]


def test_samordningsnummer_spoken_in_swedish_is_found() -> None:
    words = spoken(SAMORDNING.replace("-", ""), SV_DIGITS)
    assert analyzed(f"mitt samordningsnummer är {words}", "sv") == [(words, "NATIONAL_ID")]
