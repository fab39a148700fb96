"""Vehicle registration plates (SE, NO, DK, FI) and VINs, written and spoken."""

from __future__ import annotations

import pytest

from pipeline.redaction.recognizers.plate import plate_recognizer
from pipeline.redaction.recognizers.vin import vin_recognizer
from tests.unit.recognizer_helpers import analyzed, best_score, found

# A made-up VIN: 17 characters of the ISO 3779 alphabet (no I, O, Q), letters and digits.
VIN = "YV1SW58D6K2123456"


# --- plates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("min bil har registreringsnummer ABC 123", "ABC 123"),
        ("regnumret är ABC12D", "ABC12D"),
        ("bilen min har kjennemerke AB 12345", "AB 12345"),
        ("nummerpladen er AB 12 345", "AB 12 345"),
        ("auton rekisterinumero on ABC-123", "ABC-123"),
        ("my car's registration is XYZ 987", "XYZ 987"),
    ],
)
def test_plates_near_plate_words_score_high(text: str, plate: str) -> None:
    assert (plate, "VEHICLE_PLATE") in found(plate_recognizer(), text)
    assert best_score(plate_recognizer(), text, plate) >= 0.8


@pytest.mark.parametrize("plate", ["ABC 123", "ABC 12D", "AB 12 345", "ABC-123"])
def test_upper_case_plate_shapes_count_alone_with_a_low_score(plate: str) -> None:
    text = f"den står utanför, {plate}, sedan igår"
    assert best_score(plate_recognizer(), text, plate) == 0.55


@pytest.mark.parametrize(
    "text",
    [
        "ABI 123 is no Swedish plate",  # I is not used on Swedish plates
        "ABC 12O ends in O",  # a Swedish plate never ends in O
        "it is 4111 and nr 123",  # letters must be joined to the digits
        "abc123 without context",
    ],
)
def test_non_plates_are_ignored(text: str) -> None:
    assert found(plate_recognizer(), text) == []


def test_lower_case_plate_counts_near_plate_word() -> None:
    assert found(plate_recognizer(), "reg nr abc123") == [("abc123", "VEHICLE_PLATE")]


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("regnummer a b c ett två tre", "sv", "a b c ett två tre"),
        ("the plate is x y z nine eight seven", "en", "x y z nine eight seven"),
    ],
)
def test_spelled_plate_is_found(text: str, language: str, words: str) -> None:
    assert analyzed(text, language) == [(words, "VEHICLE_PLATE")]


def test_context_word_must_end_where_marked() -> None:
    # "car$" must not be found inside "card": no plate near card words.
    assert found(plate_recognizer(), "my card is abc123") == []


# --- VIN ------------------------------------------------------------------------------------


def test_vin_alone_and_near_vin_word() -> None:
    assert found(vin_recognizer(), f"it is {VIN}.") == [(VIN, "VIN")]
    assert best_score(vin_recognizer(), f"the VIN is {VIN}", VIN) == 1.0
    assert best_score(vin_recognizer(), f"chassinumret är {VIN}", VIN) == 1.0


@pytest.mark.parametrize(
    "value",
    [
        "YV1SW58D6K212345",  # 16 characters
        "YV1SW58D6K21234567",  # 18 characters
        "YV1SW58O6K2123456",  # O is not in the VIN alphabet
        "ABCDEFGHJKLMNPRST",  # no digit
        "12345678901234567",  # no letter
    ],
)
def test_non_vins_are_ignored(value: str) -> None:
    assert found(vin_recognizer(), f"vin {value}") == []


def test_lower_case_vin_needs_vin_word() -> None:
    assert found(vin_recognizer(), f"code {VIN.lower()}") == []
    assert found(vin_recognizer(), f"vin {VIN.lower()}") == [(VIN.lower(), "VIN")]


EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def test_vin_spelled_out_is_found() -> None:
    words = " ".join(EN_DIGITS[int(ch)] if ch.isdigit() else ch for ch in VIN.lower())
    assert analyzed(f"my vin is {words}", "en") == [(words, "VIN")]
