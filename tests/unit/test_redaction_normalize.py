"""The spoken-form normalizer: canonical text, and an offset map that lands on word boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.redaction.normalize import LEXICONS, NormalizedText, normalize_spoken
from pipeline.redaction.normalize.tokens import tokenize


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


# --- property tests ---------------------------------------------------------------------------

SPOKEN_WORDS = sorted(
    {word for lex in LEXICONS.values() for word in (*lex.digits, *lex.symbols, *lex.repeaters)}
    | {"plus"}
)
PLAIN_WORDS = ["look", "the", "bill", "John", "smith", "example", "com", "se", "070", "123", "x"]
PUNCTUATION = [",", ".", "@", "-", "!"]
SEPARATORS = [" ", "  ", ", ", " - ", "\n"]


@st.composite
def transcripts(draw: st.DrawFn) -> str:
    words = draw(
        st.lists(st.sampled_from(SPOKEN_WORDS + PLAIN_WORDS + PUNCTUATION), min_size=1, max_size=25)
    )
    separators = draw(
        st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words))
    )
    return "".join(w + s for w, s in zip(words, separators, strict=True))


def _converted_spoken_words(normalized: NormalizedText) -> list[tuple[int, int]]:
    """Ranges of spoken words that normalization rewrote; the others it copied verbatim."""
    spoken = {w for w in SPOKEN_WORDS if " " not in w}
    ranges = list(zip(normalized.starts, normalized.ends, strict=True))
    converted = []
    for token in tokenize(normalized.original):
        if token.lower not in spoken:
            continue
        if any(s <= token.start and token.end <= e for s, e in ranges if e - s > 1):
            converted.append((token.start, token.end))
        else:
            copied = {s for s, e in ranges if e - s == 1}
            assert all(k in copied for k in range(token.start, token.end))
    return converted


@settings(max_examples=300, deadline=None)
@given(text=transcripts(), language=st.sampled_from(["en", "sv", None]), data=st.data())
def test_mapped_back_spans_never_cut_a_spoken_word(
    text: str, language: str | None, data: st.DataObject
) -> None:
    normalized = normalize_spoken(text, language)
    size = len(normalized.text)
    start = data.draw(st.integers(0, size - 1))
    end = data.draw(st.integers(start + 1, size))
    original_start, original_end = normalized.to_original(start, end)
    assert 0 <= original_start < original_end <= len(text)
    for word_start, word_end in _converted_spoken_words(normalized):
        assert not word_start < original_start < word_end
        assert not word_start < original_end < word_end
        # A span over any character written for the word covers the whole word.
        for k in range(start, end):
            if normalized.starts[k] <= word_start and word_end <= normalized.ends[k]:
                assert original_start <= word_start and word_end <= original_end


@settings(max_examples=300, deadline=None)
@given(text=transcripts(), language=st.sampled_from(["en", "sv", None]))
def test_offset_map_is_monotonic_and_copies_exactly(text: str, language: str | None) -> None:
    normalized = normalize_spoken(text, language)
    assert len(normalized.starts) == len(normalized.ends) == len(normalized.text)
    assert list(normalized.starts) == sorted(normalized.starts)
    assert list(normalized.ends) == sorted(normalized.ends)
    for char, start, end in zip(normalized.text, normalized.starts, normalized.ends, strict=True):
        assert 0 <= start < end <= len(text)
        if end - start == 1 and text[start] == char:
            continue
        # Not a copy: the character was written for a spoken word (or a spelled letter).
        assert text[start:end].strip()


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(["look", "the", "bill", "070", "123", ",", "!"]), max_size=20),
    language=st.sampled_from(["en", "sv", None]),
)
def test_text_without_spoken_forms_is_unchanged(words: list[str], language: str | None) -> None:
    text = " ".join(words)
    normalized = normalize_spoken(text, language)
    assert normalized.text == text
    assert normalized == NormalizedText.identity(text)
