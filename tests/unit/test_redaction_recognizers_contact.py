"""Contact and place recognizers: e-mail, phone, postcode, IP address, introduced names."""

from __future__ import annotations

import pytest

from pipeline.redaction.recognizers import ContextWords, PhoneRecognizer
from pipeline.redaction.recognizers.email import email_recognizer
from pipeline.redaction.recognizers.ip_address import ip_address_recognizer
from pipeline.redaction.recognizers.person import introduced_name_recognizer
from pipeline.redaction.recognizers.postcode import postcode_recognizer
from tests.unit.recognizer_helpers import analyzed, best_score, found

# --- e-mail ---------------------------------------------------------------------------------


def test_email_written_is_found() -> None:
    assert found(email_recognizer(), "write to john.smith@example.com today") == [
        ("john.smith@example.com", "EMAIL")
    ]


def test_email_spoken_in_english_is_found_in_original_offsets() -> None:
    text = "my email is john dot smith at example dot com thanks"
    assert analyzed(text, "en") == [("john dot smith at example dot com", "EMAIL")]


def test_email_spoken_in_swedish_with_snabel_a_and_punkt_is_found() -> None:
    text = "min mejl är erik punkt johansson snabel-a firma punkt se"
    assert analyzed(text, "sv") == [("erik punkt johansson snabel-a firma punkt se", "EMAIL")]


def test_email_spelled_letters_are_joined() -> None:
    assert analyzed("it is j o h n at example dot com", "en") == [
        ("j o h n at example dot com", "EMAIL")
    ]


@pytest.mark.parametrize("text", ["look at the bill", "dot the i's", "meet me at the office"])
def test_ordinary_at_and_dot_are_not_email(text: str) -> None:
    assert analyzed(text, "en") == []


# --- phone ----------------------------------------------------------------------------------


def test_phone_swedish_grouped_mobile_is_valid() -> None:
    text = "ring mig på 070-123 45 67"
    assert ("070-123 45 67", "PHONE") in found(PhoneRecognizer(), text)
    assert best_score(PhoneRecognizer(), text, "070-123 45 67") >= 0.75


def test_phone_international_format_is_valid() -> None:
    assert ("+46 70 123 45 67", "PHONE") in found(PhoneRecognizer(), "call +46 70 123 45 67")


def test_phone_bare_eleven_digit_run_is_found() -> None:
    text = "my number is 07001234567"
    assert ("07001234567", "PHONE") in found(PhoneRecognizer(), text)


def test_phone_digits_without_trunk_prefix_need_a_phone_word() -> None:
    assert found(PhoneRecognizer(), "order 1234567 shipped") == []
    assert found(PhoneRecognizer(), "my phone number is 1234567") == [("1234567", "PHONE")]


def test_phone_spoken_in_swedish_is_found() -> None:
    text = "noll sju noll ett två tre fyra fem sex sju"
    assert analyzed(text, "sv") == [(text, "PHONE")]


def test_phone_spoken_in_english_with_double_is_found() -> None:
    text = "call me on oh seven oh one double two three four five six"
    assert analyzed(text, "en") == [("oh seven oh one double two three four five six", "PHONE")]


# --- postcodes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("skicka till SE-702 11 Örebro", "SE-702 11"),
        ("jag bor på Storgatan 5, 702 11 Örebro", "702 11"),
        ("Kungsvägen 12 70211", "70211"),
        ("postnumret är 702 11", "702 11"),
        ("postnummer 70211", "70211"),
        ("my zip code is 90210", "90210"),
        ("London SW1A 1AA", "SW1A 1AA"),
    ],
)
def test_postcode_found_in_address_context(text: str, postcode: str) -> None:
    assert (postcode, "POSTCODE") in found(postcode_recognizer(), text)


@pytest.mark.parametrize("text", ["I have 702 11 reasons", "it costs 12345 kronor"])
def test_postcode_shapes_without_context_are_ignored(text: str) -> None:
    assert found(postcode_recognizer(), text) == []


# --- IP addresses ---------------------------------------------------------------------------


def test_ipv4_valid_is_found() -> None:
    assert found(ip_address_recognizer(), "I'm at 192.168.1.20.") == [
        ("192.168.1.20", "IP_ADDRESS")
    ]


def test_ipv4_invalid_needs_context() -> None:
    assert found(ip_address_recognizer(), "version 999.1.1.1") == []
    assert found(ip_address_recognizer(), "my ip is 999.1.1.1") == [("999.1.1.1", "IP_ADDRESS")]


def test_ipv6_is_found_and_clock_times_are_not() -> None:
    assert found(ip_address_recognizer(), "server 2001:db8::1 down") == [
        ("2001:db8::1", "IP_ADDRESS")
    ]
    assert found(ip_address_recognizer(), "at 10:30:00") == []


def test_ipv4_spoken_is_found() -> None:
    text = "it is one nine two dot one six eight dot one dot two zero"
    assert analyzed(text, "en") == [(text[6:], "IP_ADDRESS")]


# --- introduced names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi my name is John Smith, and", "John Smith"),
        ("Hej, jag heter Erik Johansson och", "Erik Johansson"),
        ("hej det är Anna", "Anna"),
    ],
)
def test_introduced_name_is_person(text: str, name: str) -> None:
    assert found(introduced_name_recognizer(), text) == [(name, "PERSON")]


def test_introduced_name_requires_a_capitalised_word() -> None:
    assert found(introduced_name_recognizer(), "my name is not important") == []


def test_context_words_match_at_word_starts_only() -> None:
    context = ContextWords(["kort", "customer number"])
    assert context.found_around("kortnumret är 1234", 14, 18)
    assert context.found_around("the customer number: 1234", 21, 25)
    assert not context.found_around("ekort 1234", 6, 10)
