"""Vehicle identification numbers (ISO 3779: 17 characters, no I, O or Q)."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

VIN_CONTEXT: tuple[str, ...] = (
    "vin",
    "vehicle identification",
    "chassis number",
    "frame number",
    "chassinummer",
    "chassinumret",
    "chassisnummer",
    "identifieringsnummer",
    "understellsnummer",
    "rammenummer",
    "stelnummer",
    "valmistenumero",
    "alustanumero",
)

# No python-stdnum module checks a VIN, and its check digit (position 9) is only mandatory
# in North America: a European VIN fails it, so nothing is validated here.
_VIN = r"(?=[A-HJ-NPR-Z0-9]{0,16}\d)(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}"

VIN_PATTERNS: tuple[Pattern, ...] = (
    Pattern("vin", rf"(?<![\w-]){_VIN}(?![\w-])", 0.7),
    # Normalized speech is lower case.
    Pattern("any_case", rf"(?i)(?<![\w-]){_VIN}(?![\w-])", 0.7, needs_context=True),
)


def vin_recognizer() -> PatternRecognizer:
    """17-character VINs holding both letters and digits; any case near "VIN"."""
    return PatternRecognizer(
        name="vin",
        entity_type=EntityType.VIN,
        patterns=VIN_PATTERNS,
        context=VIN_CONTEXT,
    )
