"""Payment card numbers: 13-19 digits with optional separators, checked with stdnum's Luhn."""

from __future__ import annotations

from stdnum import luhn

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

CARD_CONTEXT: tuple[str, ...] = (
    "card",
    "credit",
    "debit",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "kort",
    "kreditkort",
    "betalkort",
    "bankkort",
)


def valid_card_number(value: str) -> bool:
    """True when the digits of `value` have a card's length and pass the Luhn check."""
    digits = digits_of(value)
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def card_recognizer() -> PatternRecognizer:
    """Card numbers; a failed Luhn check near a card word is still redacted."""
    return PatternRecognizer(
        name="card",
        entity_type=EntityType.CARD_NUMBER,
        patterns=(
            Pattern("four_groups", r"(?<![\d-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?![\d])", 0.9),
            Pattern("digit_run", r"(?<![\d-])\d(?:[ -]?\d){12,18}(?!\d)", 0.85),
        ),
        context=CARD_CONTEXT,
        validate=valid_card_number,
        invalid_score=0.45,
    )
