"""Properties of the spoken-form normalizer: its offset map is exact, whatever it is given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.redaction.normalize import LEXICONS, NormalizedText, normalize_spoken
from pipeline.redaction.normalize.tokens import tokenize

LANGUAGES = st.sampled_from(["en", "sv", "no", "nb", "da", None])


def _single_words(*tables: object) -> set[str]:
    return {w for table in tables for w in table if " " not in w}  # type: ignore[attr-defined]


SPOKEN_WORDS = sorted(
    {
        word
        for lex in LEXICONS.values()
        for word in _single_words(
            lex.numbers,
            lex.connectors,
            lex.scale_articles,
            lex.spoken_zeros,
            lex.symbols,
            lex.repeaters,
            lex.number_prefixes,
            lex.letter_names,
            lex.ordinals,
            lex.months,
            lex.date_articles,
            lex.date_links,
        )
    }
    | {"tjugotre", "nittonhundraåttioett", "fyrtiofem", "enogtyve", "twenty-three", "as", "in"}
    | {"som", "i", "March", "May", "Sam", "Sigurd", "Bravo"}
)
PLAIN_WORDS = ["look", "the", "bill", "John", "smith", "example", "com", "se", "070", "123", "x"]
PLAIN_WORDS += ["jag", "har", "fråga", "bil", "par", "takk", "tak", "hej", "question"]
PUNCTUATION = [",", ".", "@", "-", "!"]
SEPARATORS = [" ", "  ", ", ", " - ", "\n", ""]


@st.composite
def transcripts(draw: st.DrawFn) -> str:
    words = draw(
        st.lists(st.sampled_from(SPOKEN_WORDS + PLAIN_WORDS + PUNCTUATION), min_size=1, max_size=25)
    )
    separators = draw(
        st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words))
    )
    return "".join(w + s for w, s in zip(words, separators, strict=True))


def _is_copy(normalized: NormalizedText, k: int) -> bool:
    start, end = normalized.starts[k], normalized.ends[k]
    return end - start == 1 and normalized.original[start] == normalized.text[k]


def _rewritten_tokens(normalized: NormalizedText) -> list[tuple[int, int]]:
    """Original tokens that a written (not copied) character of the normalized text came from."""
    ranges = [
        (normalized.starts[k], normalized.ends[k])
        for k in range(len(normalized.text))
        if not _is_copy(normalized, k)
    ]
    return [
        (t.start, t.end)
        for t in tokenize(normalized.original)
        if any(s < t.end and t.start < e for s, e in ranges)
    ]


@settings(max_examples=400, deadline=None)
@given(text=transcripts(), language=LANGUAGES)
def test_a_written_character_maps_to_whole_words(text: str, language: str | None) -> None:
    normalized = normalize_spoken(text, language)
    tokens = tokenize(text)
    for k in range(len(normalized.text)):
        if _is_copy(normalized, k):
            continue
        start, end = normalized.starts[k], normalized.ends[k]
        for token in tokens:
            if token.start < end and start < token.end:
                assert start <= token.start and token.end <= end, (text, normalized.text)


@settings(max_examples=400, deadline=None)
@given(text=transcripts(), language=LANGUAGES, data=st.data())
def test_mapped_back_spans_never_cut_a_rewritten_word(
    text: str, language: str | None, data: st.DataObject
) -> None:
    normalized = normalize_spoken(text, language)
    size = len(normalized.text)
    if size == 0:
        return
    start = data.draw(st.integers(0, size - 1))
    end = data.draw(st.integers(start + 1, size))
    original_start, original_end = normalized.to_original(start, end)
    assert 0 <= original_start < original_end <= len(text)
    for word_start, word_end in _rewritten_tokens(normalized):
        assert not word_start < original_start < word_end
        assert not word_start < original_end < word_end


@settings(max_examples=400, deadline=None)
@given(text=transcripts(), language=LANGUAGES)
def test_offset_map_is_monotonic_and_copies_exactly(text: str, language: str | None) -> None:
    normalized = normalize_spoken(text, language)
    assert len(normalized.starts) == len(normalized.ends) == len(normalized.text)
    assert list(normalized.starts) == sorted(normalized.starts)
    assert list(normalized.ends) == sorted(normalized.ends)
    for k, char in enumerate(normalized.text):
        start, end = normalized.starts[k], normalized.ends[k]
        assert 0 <= start < end <= len(text)
        if not _is_copy(normalized, k):
            # Written for a spoken word, a spelled letter or a dropped comma: never for space.
            assert text[start:end].strip(), (text, char)


@settings(max_examples=300, deadline=None)
@given(text=transcripts(), language=LANGUAGES)
def test_every_word_is_kept_rewritten_or_dropped_in_order(text: str, language: str | None) -> None:
    normalized = normalize_spoken(text, language)
    # What is copied appears in original order, and nothing is copied twice.
    copied = [normalized.starts[k] for k in range(len(normalized.text)) if _is_copy(normalized, k)]
    assert copied == sorted(set(copied))
    # A word neither copied nor rewritten may only be a connector dropped inside a unit.
    touched = set(copied) | {
        p
        for k in range(len(normalized.text))
        for p in range(normalized.starts[k], normalized.ends[k])
    }
    for token in tokenize(text):
        if not touched & set(range(token.start, token.end)):
            assert token.lower in {"of", ","} or not token.text.strip(), (text, token)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from([w for w in PLAIN_WORDS if len(w) > 2] + [",", "!"])),
    language=LANGUAGES,
)
def test_text_without_spoken_forms_is_unchanged(words: list[str], language: str | None) -> None:
    text = " ".join(words)
    normalized = normalize_spoken(text, language)
    assert normalized == NormalizedText.identity(text)
