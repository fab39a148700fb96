"""Scoring redaction against gold spans: leaks, full protection, over-redaction, type names."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation import (
    GoldSpan,
    InvalidCorpus,
    Sample,
    canonical_type,
    evaluate,
    format_comparison,
    format_report,
    result_to_dict,
    run_evaluation,
    score_sample,
)
from pipeline.evaluation.corpus import dump_corpus, parse_corpus
from pipeline.evaluation.metrics import ALL_TYPES
from pipeline.redaction.span import Span


def gold(text: str, value: str, entity_type: str = "PHONE") -> GoldSpan:
    start = text.index(value)
    return GoldSpan(entity_type, value, start, start + len(value))


def span_of(text: str, value: str, entity_type: str = "PHONE") -> Span:
    start = text.index(value)
    return Span(start, start + len(value), entity_type)


TEXT = "my number is 0701234567 thanks"
PHONE = gold(TEXT, "0701234567")


def test_an_entity_covered_exactly_leaks_nothing_and_is_fully_protected():
    tally = score_sample(TEXT, [PHONE], [span_of(TEXT, "0701234567")])["PHONE"]
    assert (tally.leak_rate, tally.full_protection, tally.over_redaction) == (0.0, 1.0, 0.0)


def test_an_entity_nobody_found_leaks_every_character():
    tally = score_sample(TEXT, [PHONE], [])["PHONE"]
    assert (tally.leak_rate, tally.full_protection) == (1.0, 0.0)
    assert tally.over_redaction is None


def test_a_partly_covered_entity_leaks_the_rest_and_is_not_protected():
    tally = score_sample(TEXT, [PHONE], [span_of(TEXT, "07012")])["PHONE"]
    assert tally.leak_rate == pytest.approx(0.5)
    assert tally.full_protection == 0.0


def test_coverage_ignores_the_type_of_the_covering_span():
    tally = score_sample(TEXT, [PHONE], [span_of(TEXT, "0701234567", "NUMBER")])["PHONE"]
    assert tally.leak_rate == 0.0
    assert tally.full_protection == 1.0


def test_spaces_and_dashes_between_covered_pieces_are_not_leaks():
    text = "call 070-123 45 67"
    spans = [span_of(text, "070-123"), span_of(text, "45"), span_of(text, "67")]
    tally = score_sample(text, [gold(text, "070-123 45 67")], spans)["PHONE"]
    assert tally.gold_chars == 10
    assert tally.full_protection == 1.0


def test_over_redaction_counts_predicted_characters_outside_gold():
    text = "my name is Anna"
    scores = score_sample(text, [gold(text, "Anna", "PERSON")], [span_of(text, text, "PERSON")])
    # "mynameis" (8) of "mynameisAnna" (12) letters lie outside the gold span.
    assert scores["PERSON"].over_redaction == pytest.approx(8 / 12)
    assert scores[ALL_TYPES].over_redaction == pytest.approx(8 / 12)


def test_a_hard_negative_with_a_prediction_is_all_over_redaction():
    text = "I have one question"
    scores = score_sample(text, [], [span_of(text, "one", "NUMBER")])
    assert scores[ALL_TYPES].over_redaction == 1.0
    assert scores[ALL_TYPES].leak_rate is None


def test_overlapping_predictions_are_not_counted_twice():
    spans = [span_of(TEXT, "0701234567"), span_of(TEXT, "0701234567", "US_DRIVER_LICENSE")]
    total = score_sample(TEXT, [PHONE], spans)[ALL_TYPES]
    assert total.predicted_chars == 10
    assert total.over_chars == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("EMAIL_ADDRESS", "EMAIL"),
        ("phone_number", "PHONE"),
        ("CREDIT_CARD", "CARD_NUMBER"),
        ("IBAN_CODE", "IBAN"),
        ("US_SSN", "NATIONAL_ID"),
        ("SE_PERSONNUMMER", "NATIONAL_ID"),
        ("GPE", "LOCATION"),
        ("ZIP_CODE", "POSTCODE"),
        ("PERSON", "PERSON"),
        ("DATE_TIME", "DATE_TIME"),
    ],
)
def test_presidio_and_corpus_names_map_to_varsams(name: str, expected: str):
    assert canonical_type(name) == expected


def test_a_presidio_research_record_is_read_with_varsam_types_and_its_form():
    record = {
        "full_text": "mail john@example.com",
        "spans": [
            {
                "entity_type": "EMAIL_ADDRESS",
                "entity_value": "john@example.com",
                "start_position": 5,
                "end_position": 21,
            }
        ],
        "metadata": {"form": "written", "language": "en"},
    }
    [sample] = parse_corpus([record])
    assert sample.spans[0].entity_type == "EMAIL"
    assert (sample.form, sample.language) == ("written", "en")
    assert json.loads(dump_corpus([sample]))[0]["spans"][0]["entity_type"] == "EMAIL"


@pytest.mark.parametrize(
    "items",
    [
        {"full_text": "not a list"},
        [{"spans": []}],
        [{"full_text": "short", "spans": [{"entity_type": "X", "entity_value": "x",
                                           "start_position": 3, "end_position": 9}]}],
    ],
)  # fmt: skip
def test_a_malformed_corpus_is_rejected(items):
    with pytest.raises(InvalidCorpus):
        parse_corpus(items)


def _samples() -> list[Sample]:
    spoken = "noll sju noll ett två tre"
    written = "Ring 070-123 45 67."
    return [
        Sample(spoken, (gold(spoken, spoken),), "sv", "spoken"),
        Sample(written, (gold(written, "070-123 45 67"),), "sv", "written"),
        Sample("I have one question", (), "en", "spoken"),
    ]


def test_results_are_split_by_form_language_and_both():
    samples = _samples()
    predictions = [[], [span_of(samples[1].full_text, "070-123 45 67")], []]
    result = evaluate("test", samples, predictions, seconds=0.5)
    assert result.tally("spoken", "PHONE").leak_rate == 1.0
    assert result.tally("written/sv", "PHONE").leak_rate == 0.0
    assert result.tally("sv", "PHONE").entities == 2
    assert result.tally("en").entities == 0
    assert result.chars_per_second == pytest.approx(result.characters / 0.5)


def test_run_evaluation_times_analysis_and_keeps_one_prediction_list_per_sample():
    calls: list[str | None] = []

    def analyze(text: str, language: str | None) -> list[Span]:
        calls.append(language)
        return [Span(0, len(text), "NUMBER")] if text else []

    result = run_evaluation("fake", _samples(), analyze)
    assert len(calls) == 4  # one untimed warm-up call, then one per sample
    assert calls[1:] == ["sv", "sv", "en"]
    assert result.seconds > 0
    assert result.tally("spoken", "PHONE").leak_rate == 0.0


def test_reports_print_and_serialise():
    samples = _samples()
    result = evaluate("a", samples, [[], [], []], seconds=1.0)
    text = format_report(result)
    assert "[spoken]" in text and "[written]" in text and "throughput" in text
    assert "leak a" in format_comparison(result, result, "all")
    assert json.loads(json.dumps(result_to_dict(result)))["slices"]["all"]["ALL"]["entities"] == 2
