"""IBANs, grouped in fours or written compactly, checked with stdnum.iban."""

from __future__ import annotations

from stdnum import iban

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer


def valid_iban(value: str) -> bool:
    """True when `value` is an IBAN with a correct country format and check digits."""
    return iban.is_valid(value.upper())


def iban_recognizer() -> PatternRecognizer:
    """IBANs; an invalid one near "IBAN"/"konto" is still redacted."""
    return PatternRecognizer(
        name="iban",
        entity_type=EntityType.IBAN,
        patterns=(
            # Upper case only: a lower-case word after the last group must not be swallowed.
            Pattern(
                "grouped",
                r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b",
                0.6,
            ),
            Pattern("compact", r"(?i)\b[a-z]{2}\d{2}[a-z0-9]{11,30}\b", 0.6),
            # Lower case (ASR): "fi64 5974 6276 8391 00", "gb16 barc 5796 9644 3049 50". Only
            # the first group may be all letters (a bank code), so no word is swallowed.
            Pattern(
                "grouped_lower",
                r"(?i)\b[a-z]{2}\d{2}[ -]?[a-z0-9]{4}(?:[ -]?(?=[a-z]{0,3}\d)[a-z0-9]{4}){1,6}"
                r"(?:[ -]?\d{1,3})?\b",
                0.6,
            ),
            # Spoken digits joined into runs of any length: "gb16 barc 57969644304950".
            Pattern(
                "digit_runs",
                r"(?i)\b[a-z]{2}\d{2}(?:[ -]?[a-z]{4})?(?:[ -]?\d{2,}){1,8}\b",
                0.6,
            ),
        ),
        context=("iban", "bank", "account", "konto", "kontonummer", "bankkonto"),
        validate=valid_iban,
        valid_score=1.0,
        invalid_score=0.45,
    )
