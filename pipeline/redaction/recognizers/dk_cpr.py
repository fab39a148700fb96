"""Danish CPR numbers (DDMMYY-SSSS): stdnum.dk.cpr checks the date (no checksum since 2007)."""

from __future__ import annotations

from stdnum.dk import cpr

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

CPR_CONTEXT: tuple[str, ...] = (
    "cpr",
    "cpr nummer",
    "cpr nr",
    "personnummer",
    "personnummeret",
    "sygesikring",
    "national id",
    "personal number",
    "id number",
    "identity number",
    "social security",
    "født",
)


def valid_cpr(value: str) -> bool:
    """True when `value` is ten digits holding a real birth date in the past (stdnum)."""
    return cpr.is_valid(digits_of(value))


def cpr_recognizer() -> PatternRecognizer:
    """Danish CPR numbers.

    Only the date can be checked, and many ten-digit numbers (phone numbers among them) hold
    one, so a CPR without context scores below a validated phone number (0.75); "CPR" near it
    lifts it to 1.0, where NATIONAL_ID wins the tie as the more sensitive type.
    """
    return PatternRecognizer(
        name="dk_cpr",
        entity_type=EntityType.NATIONAL_ID,
        patterns=(Pattern("cpr", r"(?<![\d-])\d{6} ?-? ?\d{4}(?![\d-])", 0.7),),
        context=CPR_CONTEXT,
        validate=valid_cpr,
        invalid_score=0.45,
    )
