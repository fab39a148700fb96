"""Bank account numbers said near an account word, and Norwegian kontonummer (stdnum.no.kontonr)."""

from __future__ import annotations

from stdnum.no import kontonr

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

BANK_ACCOUNT_CONTEXT: tuple[str, ...] = (
    # English
    "bank account",
    "account no",
    "sort code",
    "routing number",
    "bank details",
    # Swedish
    "kontonummer",
    "kontonumret",
    "kontonr",
    "kontot",
    "bankkonto",
    "clearingnummer",
    "clearingnumret",
    "clearing",
    "lönekonto",
    "sparkonto",
    # Norwegian
    "kontonummeret",
    "bankkontonummer",
    # Danish
    "reg nr",
    "regnr",
    "registreringsnummer",
    # Finnish
    "tilinumero",
    "tilinumeroni",
    "pankkitili",
)

# Swedish clearing + account ("8327-9, 123 456 789-0"), Danish reg.nr + konto ("1234 1234567890"),
# British sort code + account: 4 to 20 digits with spaces, dots, dashes or commas between.
_DIGITS_NEAR_WORD = Pattern(
    "digits_near_account_word",
    r"(?<![\w-])\d(?:(?:[ .-]|, ?)?\d){3,19}(?![\w-])",
    0.8,
    needs_context=True,
)


def bank_account_recognizer() -> PatternRecognizer:
    """Account numbers in any Nordic format, only near an account word (the shapes are common)."""
    return PatternRecognizer(
        name="bank_account",
        entity_type=EntityType.BANK_ACCOUNT,
        patterns=(_DIGITS_NEAR_WORD,),
        context=BANK_ACCOUNT_CONTEXT,
    )


def valid_kontonr(value: str) -> bool:
    """True for an 11-digit Norwegian account number whose mod-11 check digit holds."""
    digits = digits_of(value)
    return len(digits) == 11 and kontonr.is_valid(digits)


def no_kontonr_recognizer() -> PatternRecognizer:
    """Norwegian account numbers written "1234.56.78903" or "1234 56 78903"; checked with stdnum."""
    return PatternRecognizer(
        name="no_kontonr",
        entity_type=EntityType.BANK_ACCOUNT,
        patterns=(Pattern("grouped", r"(?<![\d.-])\d{4}([. ])\d{2}\1\d{5}(?![\d.-])", 0.6),),
        context=BANK_ACCOUNT_CONTEXT,
        validate=valid_kontonr,
        invalid_score=0.45,
    )
