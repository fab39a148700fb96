"""Recognizers, one module per identifier family, and the default set the Analyzer runs."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.redaction.recognizers.address import address_recognizer
from pipeline.redaction.recognizers.age import age_recognizer
from pipeline.redaction.recognizers.bank_account import (
    bank_account_recognizer,
    no_kontonr_recognizer,
)
from pipeline.redaction.recognizers.base import (
    ContextWords,
    Pattern,
    PatternRecognizer,
    Recognizer,
    bind,
    supports,
)
from pipeline.redaction.recognizers.card import card_recognizer
from pipeline.redaction.recognizers.card_security import card_expiry_recognizer, cvv_recognizer
from pipeline.redaction.recognizers.customer_id import customer_id_recognizer
from pipeline.redaction.recognizers.date_of_birth import date_of_birth_recognizer
from pipeline.redaction.recognizers.dk_cpr import cpr_recognizer
from pipeline.redaction.recognizers.email import email_recognizer
from pipeline.redaction.recognizers.fi_hetu import hetu_recognizer
from pipeline.redaction.recognizers.giro import bankgiro_recognizer, plusgiro_recognizer
from pipeline.redaction.recognizers.iban import iban_recognizer
from pipeline.redaction.recognizers.ip_address import ip_address_recognizer
from pipeline.redaction.recognizers.no_fodselsnummer import fodselsnummer_recognizer
from pipeline.redaction.recognizers.number import number_recognizer
from pipeline.redaction.recognizers.number_run import NumberRunRecognizer
from pipeline.redaction.recognizers.organization import organization_recognizer
from pipeline.redaction.recognizers.person import PersonRecognizer, person_recognizer
from pipeline.redaction.recognizers.phone import PhoneRecognizer
from pipeline.redaction.recognizers.place import place_recognizer
from pipeline.redaction.recognizers.plate import plate_recognizer
from pipeline.redaction.recognizers.postcode import (
    four_digit_postcode_recognizer,
    postcode_recognizer,
)
from pipeline.redaction.recognizers.se_orgnr import orgnr_recognizer
from pipeline.redaction.recognizers.se_personnummer import personnummer_recognizer
from pipeline.redaction.recognizers.spoken_email import spoken_email_recognizer
from pipeline.redaction.recognizers.street import street_recognizer
from pipeline.redaction.recognizers.username import username_recognizer
from pipeline.redaction.recognizers.vin import vin_recognizer
from pipeline.redaction.recognizers.zip_code import zip_code_recognizer

__all__ = [
    "ContextWords",
    "Pattern",
    "PatternRecognizer",
    "PersonRecognizer",
    "PhoneRecognizer",
    "Recognizer",
    "bind",
    "default_recognizers",
    "supports",
]


def default_recognizers(customer_id_patterns: Sequence[str] | None = None) -> list[Recognizer]:
    """Every pattern recognizer varsam ships (NER is added by the Analyzer when given a model)."""
    return [
        email_recognizer(),
        PhoneRecognizer(),
        card_recognizer(),
        cvv_recognizer(),
        card_expiry_recognizer(),
        iban_recognizer(),
        bank_account_recognizer(),
        no_kontonr_recognizer(),
        bankgiro_recognizer(),
        plusgiro_recognizer(),
        personnummer_recognizer(),
        fodselsnummer_recognizer(),
        cpr_recognizer(),
        hetu_recognizer(),
        orgnr_recognizer(),
        address_recognizer(),
        postcode_recognizer(),
        four_digit_postcode_recognizer(),
        date_of_birth_recognizer(),
        age_recognizer(),
        username_recognizer(),
        plate_recognizer(),
        vin_recognizer(),
        ip_address_recognizer(),
        customer_id_recognizer(customer_id_patterns),
        person_recognizer(),
        number_recognizer(),
        # Tolerance of recognition errors (issue 8): misheard number runs, spoken addresses.
        NumberRunRecognizer(),
        spoken_email_recognizer(),
        # English coverage beyond the Nordic lists (issue 8, item 3).
        street_recognizer(),
        zip_code_recognizer(),
        organization_recognizer(),
        place_recognizer(),
    ]
