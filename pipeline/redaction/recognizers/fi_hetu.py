"""Finnish henkilötunnus (HETU, DDMMYYCZZZQ with a century sign), via stdnum.fi.hetu."""

from __future__ import annotations

from stdnum.fi import hetu

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

HETU_CONTEXT: tuple[str, ...] = (
    "henkilötunnus",
    "henkilötunnukseni",
    "hetu",
    "sotu",
    "sosiaaliturvatunnus",
    "personbeteckning",
    "personnummer",
    "personal identity code",
    "personal number",
    "national id",
    "id number",
    "identity number",
    "social security",
)

# Century signs: + (1800s), - and Y X W V U (1900s), A B C D E F (2000s); the control
# character is a digit or one of 20 letters. Lower case and single spaces too: in normalized
# speech a lone letter stays apart ("010190-123 m").
HETU_REGEX = r"(?i)(?<![\w-])\d{6} ?[-+a-fu-y] ?\d{3} ?[0-9a-fhj-np-y](?![\w-])"


def valid_hetu(value: str) -> bool:
    """True for a valid HETU; temporary numbers (individual 900-999) count too."""
    try:
        hetu.validate(value.replace(" ", "").upper(), allow_temporary=True)
    except hetu.ValidationError:
        return False
    return True


def hetu_recognizer() -> PatternRecognizer:
    """Finnish personal identity codes; a failed check near "henkilötunnus" is still redacted."""
    return PatternRecognizer(
        name="fi_hetu",
        entity_type=EntityType.NATIONAL_ID,
        patterns=(Pattern("hetu", HETU_REGEX, 0.85),),
        context=HETU_CONTEXT,
        validate=valid_hetu,
        invalid_score=0.45,
    )
