"""Operators and redact_text: tags, positions in the redacted text, the policy as data."""

from __future__ import annotations

import pytest

from pipeline.errors import InvalidRequest
from pipeline.redaction import RedactionPolicy, Span, redact_text, tag
from pipeline.redaction.operators import OPERATORS, SpanOutOfRange, UnknownOperator


def test_tag_names_the_entity_type() -> None:
    assert tag("John", Span(0, 4, "PERSON")) == "[PERSON]"


def test_redact_text_replaces_spans_and_reports_new_positions() -> None:
    text = "I am John, call 0701234567 now"
    spans = [Span(16, 26, "PHONE", 0.75, "phone"), Span(5, 9, "PERSON", 0.85, "ner")]
    redacted, placed = redact_text(text, spans, "tag")
    assert redacted == "I am [PERSON], call [PHONE] now"
    assert [redacted[s.start : s.end] for s in placed] == ["[PERSON]", "[PHONE]"]
    assert [(s.score, s.recognizer) for s in placed] == [(0.85, "ner"), (0.75, "phone")]


def test_redact_text_without_spans_returns_the_text() -> None:
    assert redact_text("nothing here", []) == ("nothing here", [])


def test_overlapping_spans_are_merged_before_replacing() -> None:
    redacted, placed = redact_text("0701234567", [Span(0, 6, "NUMBER", 0.3), Span(0, 10, "PHONE")])
    assert redacted == "[PHONE]"
    assert placed == [Span(0, 7, "PHONE")]


def test_policy_picks_an_operator_per_type() -> None:
    OPERATORS["upper"] = lambda scope: lambda value, span: value.upper()
    try:
        policy = RedactionPolicy(default="tag", by_type={"PERSON": "upper"})
        redacted, _ = redact_text(
            "anna 0701234567", [Span(0, 4, "PERSON"), Span(5, 15, "PHONE")], policy
        )
    finally:
        del OPERATORS["upper"]
    assert redacted == "ANNA [PHONE]"


def test_unknown_operator_is_a_typed_error_without_personal_data() -> None:
    with pytest.raises(UnknownOperator) as raised:
        redact_text("Anna", [Span(0, 4, "PERSON")], "scramble")
    assert isinstance(raised.value, InvalidRequest)
    assert raised.value.reason == "unknown_operator"
    assert "Anna" not in str(raised.value)


def test_a_policy_naming_an_unknown_operator_is_refused_when_built_from_config() -> None:
    with pytest.raises(UnknownOperator):
        RedactionPolicy(default="tag", by_type={"PERSON": "scramble"})


def test_span_past_the_end_is_refused_without_personal_data() -> None:
    with pytest.raises(SpanOutOfRange) as raised:
        redact_text("Anna", [Span(0, 9, "PERSON")])
    assert "Anna" not in str(raised.value)
