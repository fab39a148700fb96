"""Norwegian fødselsnummer and D-/H-numbers (11 digits, DDMMYY NNNCC), via stdnum."""

from __future__ import annotations

from stdnum.no import fodselsnummer

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

FODSELSNUMMER_CONTEXT: tuple[str, ...] = (
    "fødselsnummer",
    "fødselsnummeret",
    "fødselsnr",
    "fodselsnummer",
    "personnummer",
    "personnummeret",
    "d nummer",
    "identitetsnummer",
    "personal number",
    "national id",
    "id number",
    "identity number",
    "social security",
    "birth number",
    "født",
)


def valid_fodselsnummer(value: str) -> bool:
    """True for a fødselsnummer, D-number or H-number whose two check digits hold."""
    return fodselsnummer.is_valid(digits_of(value))


def fodselsnummer_recognizer() -> PatternRecognizer:
    """Norwegian national ID numbers; a failed check near "fødselsnummer" is still redacted."""
    return PatternRecognizer(
        name="no_fodselsnummer",
        entity_type=EntityType.NATIONAL_ID,
        patterns=(Pattern("fodselsnummer", r"(?<![\d-])\d{6} ?[- ]? ?\d{5}(?![\d-])", 0.8),),
        context=FODSELSNUMMER_CONTEXT,
        validate=valid_fodselsnummer,
        invalid_score=0.45,
    )
