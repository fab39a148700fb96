"""The spoken-form normalizer: canonical text, and an offset map that lands on word boundaries."""

from __future__ import annotations

import pytest

from pipeline.redaction.normalize import (
    LEXICONS,
    NormalizedText,
    SpokenFormNormalizer,
    lexicon_language,
    normalize_spoken,
)


@pytest.mark.parametrize(
    ("spoken", "language", "canonical"),
    [
        ("john dot smith at example dot com", "en", "john.smith@example.com"),
        ("erik punkt johansson snabel-a firma punkt se", "sv", "erik.johansson@firma.se"),
        ("anna snabel a firma punkt se", "sv", "anna@firma.se"),
        ("anna underscore b at mail dot com", "en", "anna_b@mail.com"),
        ("j o h n at example dot com", "en", "john@example.com"),
        ("john one two at example dot com", "en", "john12@example.com"),
        ("a dot com one two at b dot se", "en", "a.com 12@b.se"),
        ("john.smith at example.com", "en", "john.smith@example.com"),
        ("noll sju noll ett två tre fyra fem sex sju", "sv", "0701234567"),
        ("noll sju noll, ett två tre", "sv", "070123"),
        ("noll sju noll streck ett två tre", "sv", "070-123"),
        ("zero seven oh one double two three", "en", "0701223"),
        ("triple nine", "en", "999"),
        ("plus four six seven zero", "en", "+4670"),
        ("070 one two three", "en", "070123"),
        ("one nine two dot one six eight dot one dot two zero", "en", "192.168.1.20"),
        ("C I D four four one two nine", "en", "CID44129"),
        ("example dot com", "en", "example.com"),
    ],
)
def test_spoken_forms_become_canonical(spoken: str, language: str, canonical: str) -> None:
    assert normalize_spoken(spoken, language).text == canonical


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("look at the bill", "en"),
        ("dot the i's", "en"),
        ("meet me at the office at nine", "en"),
        ("I have one question", "en"),
        ("oh no", "en"),
        ("jag har en fråga om ett ärende", "sv"),
        ("it costs 3.5 dollars, at most", "en"),
        ("call 070-123 45 67 now", "en"),
        ("version one dot five", "en"),
    ],
)
def test_ordinary_speech_is_left_alone(text: str, language: str) -> None:
    normalized = normalize_spoken(text, language)
    assert not normalized.changed
    assert normalized.text == text


def test_swedish_digits_are_not_read_in_english() -> None:
    assert normalize_spoken("noll sju noll", "en").text == "noll sju noll"
    assert normalize_spoken("noll sju noll", None).text == "070"


def test_each_digit_maps_back_to_its_spoken_word() -> None:
    text = "mitt nummer är noll sju noll"
    normalized = normalize_spoken(text, "sv")
    start = normalized.text.index("070")
    assert normalized.to_original(start, start + 3) == (text.index("noll"), len(text))
    assert normalized.to_original(start + 1, start + 2) == (20, 23)  # "sju"


def test_a_symbol_maps_back_to_the_whole_spoken_word() -> None:
    text = "john snabel-a x punkt se"
    normalized = normalize_spoken(text, "sv")
    at = normalized.text.index("@")
    assert text[slice(*normalized.to_original(at, at + 1))] == "snabel-a"


def test_double_maps_back_to_both_words() -> None:
    normalized = normalize_spoken("double five one", "en")
    assert normalized.text == "551"
    assert normalized.to_original(1, 2) == (0, 11)


def test_mapping_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError):
        NormalizedText.identity("abc").to_original(2, 4)


@pytest.mark.parametrize(
    ("code", "language"),
    [("sv", "sv"), ("sv-SE", "sv"), ("nb", "no"), ("nn", "no"), ("DA", "da"), ("fi", None)],
)
def test_language_codes_name_a_lexicon(code: str, language: str | None) -> None:
    assert lexicon_language(code) == language


def test_a_normalizer_can_be_built_for_chosen_languages() -> None:
    normalizer = SpokenFormNormalizer([LEXICONS["sv"], LEXICONS["da"]])
    assert normalizer.normalize("noll sju, enogtyve").text == "0721"
    # English is not among them, so its words stay.
    assert normalizer.normalize("twenty three").text == "twenty three"
