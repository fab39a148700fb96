"""Recognizers, one module per identifier family, and the default set the Analyzer runs."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.redaction.recognizers.base import (
    ContextWords,
    Pattern,
    PatternRecognizer,
    Recognizer,
    supports,
)
from pipeline.redaction.recognizers.card import card_recognizer
from pipeline.redaction.recognizers.customer_id import customer_id_recognizer
from pipeline.redaction.recognizers.email import email_recognizer
from pipeline.redaction.recognizers.iban import iban_recognizer
from pipeline.redaction.recognizers.ip_address import ip_address_recognizer
from pipeline.redaction.recognizers.number import number_recognizer
from pipeline.redaction.recognizers.person import introduced_name_recognizer
from pipeline.redaction.recognizers.phone import PhoneRecognizer
from pipeline.redaction.recognizers.postcode import postcode_recognizer
from pipeline.redaction.recognizers.se_orgnr import orgnr_recognizer
from pipeline.redaction.recognizers.se_personnummer import personnummer_recognizer

__all__ = [
    "ContextWords",
    "Pattern",
    "PatternRecognizer",
    "PhoneRecognizer",
    "Recognizer",
    "default_recognizers",
    "supports",
]


def default_recognizers(customer_id_patterns: Sequence[str] | None = None) -> list[Recognizer]:
    """Every pattern recognizer varsam ships (NER is added by the Analyzer when given a model)."""
    return [
        email_recognizer(),
        PhoneRecognizer(),
        card_recognizer(),
        iban_recognizer(),
        personnummer_recognizer(),
        orgnr_recognizer(),
        postcode_recognizer(),
        ip_address_recognizer(),
        customer_id_recognizer(customer_id_patterns),
        introduced_name_recognizer(),
        number_recognizer(),
    ]
