"""Customer IDs: configurable patterns ("CID-44129") and any code said after "customer number"."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

DEFAULT_CUSTOMER_ID_PATTERNS: tuple[str, ...] = (r"\bCID[- ]?\d{4,}\b",)

CUSTOMER_ID_CONTEXT: tuple[str, ...] = (
    "customer number",
    "customer id",
    "customer no",
    "account number",
    "kundnummer",
    "kundnumret",
    "kundnr",
    "kund-id",
    "kundid",
    "kundenummer",
    "kundenummeret",
    "kundenr",
    "account reference",
)

# "cid 199387", "c i d nine nine..." (normalized to "cid99814"), "C.I.D. 4412": any case.
_SPOKEN_CID = Pattern("spoken_cid", r"(?i)(?<![a-z])c\.?\s?i\.?\s?d\.?[- ]?\d{4,}(?!\d)", 0.85)

_AFTER_CONTEXT = Pattern(
    "after_context",
    r"(?i)(?:customer\s+(?:number|id|no\.?)|account\s+(?:number|reference)|kundnumm?(?:er|ret)|"
    r"kundenummer(?:et)?|kund-?nr|kunde-?nr|kund-?id)"
    r"\W{0,3}(?:(?:is|är)\s+)?(?P<value>(?:[a-z]+-?)?\d[a-z0-9]*(?:[ -]\d[a-z0-9]*)*)",
    0.8,
)


def customer_id_recognizer(patterns: Sequence[str] | None = None) -> PatternRecognizer:
    """Customer IDs matching `patterns` (default: CID numbers) or following a customer-number word.

    A pattern may narrow its span with a named group `value`.
    """
    configured = DEFAULT_CUSTOMER_ID_PATTERNS if patterns is None else tuple(patterns)
    spoken = (_SPOKEN_CID,) if patterns is None else ()
    return PatternRecognizer(
        name="customer_id",
        entity_type=EntityType.CUSTOMER_ID,
        patterns=(
            *(Pattern(f"configured_{i}", regex, 0.9) for i, regex in enumerate(configured)),
            *spoken,
            _AFTER_CONTEXT,
        ),
        context=CUSTOMER_ID_CONTEXT,
    )
