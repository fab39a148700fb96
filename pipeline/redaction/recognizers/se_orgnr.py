"""Swedish organisationsnummer (NNNNNN-NNNN, third digit 2 or higher), via stdnum.se.orgnr."""

from __future__ import annotations

from stdnum.se import orgnr

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of


def valid_orgnr(value: str) -> bool:
    """True for a valid organisationsnummer, with or without the "16" century prefix."""
    return orgnr.is_valid(digits_of(value)[-10:])


def orgnr_recognizer() -> PatternRecognizer:
    """Swedish organisation numbers; a failed check near "organisationsnummer" is kept."""
    return PatternRecognizer(
        name="se_orgnr",
        entity_type=EntityType.ORG_NUMBER,
        patterns=(
            Pattern("orgnr", r"(?<![\d-])(?:16)?[1-9]\d[2-9]\d{3} ?-? ?\d{4}(?![\d-])", 0.7),
        ),
        context=(
            "organisationsnummer",
            "organisationsnumret",
            "orgnr",
            "org nr",
            "org.nr",
            "company number",
            "organisation number",
            "organization number",
            "företag",
        ),
        validate=valid_orgnr,
        invalid_score=0.4,
    )
