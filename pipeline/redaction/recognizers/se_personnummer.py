"""Swedish personnummer and samordningsnummer (10 or 12 digits, "-" or "+"), via stdnum."""

from __future__ import annotations

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

SAMORDNING_DAY_OFFSET = 60

NATIONAL_ID_CONTEXT: tuple[str, ...] = (
    "personnummer",
    "personnumret",
    "personnr",
    "samordningsnummer",
    "samordningsnumret",
    "födelsenummer",
    "personal number",
    "personal identity number",
    "social security",
    "national id",
    "id number",
    "identity number",
    "date of birth",
    "född",
)


def valid_personnummer(value: str) -> bool:
    """True for a valid personnummer, or samordningsnummer (birth day + 60)."""
    compact = value.replace(" ", "")
    if personnummer.is_valid(compact):
        return True
    return _valid_samordningsnummer(compact)


def _valid_samordningsnummer(compact: str) -> bool:
    digits = digits_of(compact)
    if len(digits) not in (10, 12) or not luhn.is_valid(digits[-10:]):
        return False
    day_at = len(digits) - 6
    day = int(digits[day_at : day_at + 2]) - SAMORDNING_DAY_OFFSET
    if not 1 <= day <= 31:
        return False
    # Check the birth date with the real day; stdnum's own check covers the rest.
    birth = digits[:day_at] + f"{day:02d}"
    separator = "+" if "+" in compact else "-"
    try:
        personnummer.get_birth_date(birth + separator + digits[-4:])
    except ValidationError:
        return False
    return True


def personnummer_recognizer() -> PatternRecognizer:
    """Swedish national ID numbers; a failed check near "personnummer" is still redacted."""
    return PatternRecognizer(
        name="se_personnummer",
        entity_type=EntityType.NATIONAL_ID,
        patterns=(
            Pattern("with_century", r"(?<![\d-])(?:19|20)\d{6} ?[-+]? ?\d{4}(?![\d-])", 0.85),
            Pattern("short", r"(?<![\d-])\d{6} ?[-+]? ?\d{4}(?![\d-])", 0.8),
        ),
        context=NATIONAL_ID_CONTEXT,
        validate=valid_personnummer,
        invalid_score=0.45,
    )
