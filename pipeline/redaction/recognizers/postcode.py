"""Postcodes: Swedish "702 11" / "SE-702 11" near an address, UK postcodes, 5 digits near "zip"."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

POSTCODE_CONTEXT: tuple[str, ...] = (
    "postnummer",
    "postnumret",
    "postnr",
    "postkod",
    "postort",
    "adress",
    "address",
    "bor på",
    "bor i",
    "i live",
    "lives",
    "postcode",
    "post code",
    "postal code",
    "zip",
    "street",
    "road",
    "avenue",
    "lane",
    "close",
    "drive",
    "crescent",
    "terrace",
    "moved to",
    "flyttat",
)
# Four-digit postcodes (Norway, Denmark) are any number: only right after a postcode word.
FOUR_DIGIT_CONTEXT: tuple[str, ...] = (
    "postnummer",
    "postnummeret",
    "postnr",
    "postkode",
    "postnumre",
    "postcode",
    "post code",
)

_STREET_SUFFIXES = (
    "gatan|gata|vägen|väg|gränd|torget|torg|stigen|backen|allén|allé|leden|plan|"
    "street|st|road|rd|lane|avenue|ave|veien|vej|gade"
)

POSTCODE_PATTERNS: tuple[Pattern, ...] = (
    Pattern("se_prefixed", r"(?i)(?<!\w)SE-? ?\d{3} ?\d{2}(?!\d)", 0.85),
    Pattern(
        "se_after_street",
        rf"(?i)\w+(?:{_STREET_SUFFIXES})\.?\s+\d{{1,4}}\s?[a-z]?,?\s+"
        r"(?P<value>\d{3} ?\d{2})(?!\d)",
        0.75,
    ),
    Pattern("se_spaced", r"(?<![\d-])\d{3} \d{2}(?![\d-])", 0.6, needs_context=True),
    Pattern("five_digits", r"(?<![\d-])\d{5}(?![\d-])", 0.6, needs_context=True),
    # Lower case or said letter by letter ("n w one two eight s t" is normalized to "nw128st").
    Pattern(
        "uk_any_case",
        r"(?i)(?<![\w-])[a-pr-uwyz][a-hk-y]?\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![\w-])",
        0.6,
        needs_context=True,
    ),
    # After a street and house number, what follows is the postcode: "Storgatan 12, 702 11".
    Pattern(
        "se_after_spoken_street",
        rf"(?i)\w+(?:{_STREET_SUFFIXES})\s+(?P<value>\d{{6,9}})(?!\d)",
        0.6,
    ),
    Pattern(
        "uk",
        r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b",
        0.6,
    ),
)


def four_digit_postcode_recognizer() -> PatternRecognizer:
    """Norwegian and Danish postcodes ("postnummer 4006", "postnummeret er åtte fem ni tre")."""
    return PatternRecognizer(
        name="postcode_four_digits",
        entity_type=EntityType.POSTCODE,
        patterns=(Pattern("four_digits", r"(?<![\d-])\d{4}(?![\d-])", 0.6, needs_context=True),),
        context=FOUR_DIGIT_CONTEXT,
    )


def postcode_recognizer() -> PatternRecognizer:
    """Postcodes that an address, a street name or a postcode word makes likely."""
    return PatternRecognizer(
        name="postcode",
        entity_type=EntityType.POSTCODE,
        patterns=POSTCODE_PATTERNS,
        context=POSTCODE_CONTEXT,
    )
