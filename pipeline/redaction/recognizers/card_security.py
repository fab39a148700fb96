"""Card security codes (CVV, 3-4 digits) and expiry dates ("05/27", "maj tjugosju")."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer
from pipeline.redaction.recognizers.words import MONTHS, SPOKEN_NUMBER

CVV_CONTEXT: tuple[str, ...] = (
    "cvv",
    "cvc",
    "cv2",
    "cvv2",
    "security code",
    "card verification",
    "three digits",
    "digits on the back",
    "säkerhetskod",
    "säkerhetskoden",
    "kontrollkod",
    "kontrollsiffror",
    "kontrollsiffrorna",
    "tre siffrorna",
    "siffrorna på baksidan",
    "sikkerhetskode",
    "sikkerhedskode",
    "kontrolcifre",
    "turvakoodi",
    "tarkistusnumero",
)

EXPIRY_CONTEXT: tuple[str, ...] = (
    "expiry",
    "expiration",
    "expires",
    "expiring",
    "exp date",
    "valid thru",
    "valid through",
    "valid until",
    "good thru",
    "utgångsdatum",
    "utgångsdatumet",
    "går ut",
    "giltig till",
    "giltigt till",
    "gäller till",
    "utløpsdato",
    "utløper",
    "gyldig til",
    "udløbsdato",
    "udløber",
    "voimassa",
    "vanhenee",
    "viimeinen voimassaolo",
)

_SLASH = r"\s?(?:/|-|\.|slash|snedstreck|streck|skråstrek|skråstreg|kautta)\s?"

CVV_PATTERNS: tuple[Pattern, ...] = (
    Pattern("cvv", r"(?<![\d/.:-])\d{3,4}(?![\d/.:-])", 0.85, needs_context=True),
)

EXPIRY_PATTERNS: tuple[Pattern, ...] = (
    # 05/27, 05/2027, 5-27, 05 slash 27
    Pattern(
        "numeric",
        rf"(?<![\d/.-])(?:0?[1-9]|1[0-2]){_SLASH}(?:20)?\d{{2}}(?![\d/.-])",
        0.85,
        needs_context=True,
    ),
    # "May 2027", "maj tjugosju", "mai 27"
    Pattern(
        "month_name",
        rf"(?i)(?<!\w){MONTHS}\s+(?:(?:20)?\d{{2}}(?!\d)|{SPOKEN_NUMBER})",
        0.85,
        needs_context=True,
    ),
)


def cvv_recognizer() -> PatternRecognizer:
    """3-4 digit security codes, only near a CVV word: without one they are any small number."""
    return PatternRecognizer(
        name="card_cvv",
        entity_type=EntityType.CARD_CVV,
        patterns=CVV_PATTERNS,
        context=CVV_CONTEXT,
    )


def card_expiry_recognizer() -> PatternRecognizer:
    """Card expiry dates, only near an expiry word."""
    return PatternRecognizer(
        name="card_expiry",
        entity_type=EntityType.CARD_EXPIRY,
        patterns=EXPIRY_PATTERNS,
        context=EXPIRY_CONTEXT,
    )
