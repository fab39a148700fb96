"""Swedish bankgiro (7-8 digits, "5050-1055") and plusgiro (2-8 digits, "4711-4"), Luhn-checked."""

from __future__ import annotations

from stdnum import luhn

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer, digits_of

# python-stdnum has no bankgiro or plusgiro module; both end in a Luhn check digit over all
# their digits, so stdnum.luhn is the check.
BANKGIRO_CONTEXT: tuple[str, ...] = (
    "bankgiro",
    "bankgironummer",
    "bankgirot",
    "bg",
    "bg nummer",
    "giro",
    "betala till",
    "pay to",
    "payment to",
)
PLUSGIRO_CONTEXT: tuple[str, ...] = (
    "plusgiro",
    "plusgironummer",
    "plusgirot",
    "postgiro",
    "pg nummer",
    "giro",
)


def valid_giro(value: str) -> bool:
    """True when the digits of `value` end in a correct Luhn check digit."""
    digits = digits_of(value)
    return len(digits) >= 2 and luhn.is_valid(digits)


def bankgiro_recognizer() -> PatternRecognizer:
    """Bankgiro numbers: NNN-NNNN or NNNN-NNNN; undashed runs only near "bankgiro"."""
    return PatternRecognizer(
        name="se_bankgiro",
        entity_type=EntityType.BANK_ACCOUNT,
        patterns=(
            Pattern("dashed", r"(?<![\d-])\d{3,4} ?- ?\d{4}(?![\d-])", 0.5),
            Pattern("compact", r"(?<![\d-])\d{7,8}(?![\d-])", 0.8, needs_context=True),
        ),
        context=BANKGIRO_CONTEXT,
        validate=valid_giro,
        invalid_score=0.45,
    )


def plusgiro_recognizer() -> PatternRecognizer:
    """Plusgiro numbers ("12 34 56-7", "4711-4"), only near a plusgiro word: the shape is common."""
    return PatternRecognizer(
        name="se_plusgiro",
        entity_type=EntityType.BANK_ACCOUNT,
        patterns=(
            Pattern(
                "dashed",
                r"(?<![\d-])\d{1,2}(?: ?\d{2}){0,3} ?- ?\d(?![\d-])",
                0.8,
                needs_context=True,
            ),
            Pattern("compact", r"(?<![\d-])\d{2,8}(?![\d-])", 0.7, needs_context=True),
        ),
        context=PLUSGIRO_CONTEXT,
        validate=valid_giro,
        invalid_score=0.45,
    )
