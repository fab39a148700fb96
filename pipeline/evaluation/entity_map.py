"""One table from every entity name (varsam, Presidio, presidio-research) to varsam's."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.redaction.entities import SENSITIVE_TYPES as REDACTOR_SENSITIVE_TYPES
from pipeline.redaction.entities import EntityType

# varsam's catalogue, as the redactor names it; a corpus may label types no recognizer finds
# yet, and a leak there is a leak all the same.
VARSAM_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)

# Other names for the same thing -> varsam's name. Names absent here and from VARSAM_TYPES
# pass through unchanged (DATE_TIME, NRP, URL ...), so a system's extra types still show up.
ALIASES: Mapping[str, str] = {
    # Presidio analyzer's predefined recognizers and NER mapping
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD_NUMBER",
    "IBAN_CODE": "IBAN",
    "US_SSN": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "SE_PERSONNUMMER": "NATIONAL_ID",
    "FI_PERSONAL_IDENTITY_CODE": "NATIONAL_ID",
    "SE_ORGANISATIONSNUMMER": "ORG_NUMBER",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "PER": "PERSON",
    "ORG": "ORGANIZATION",
    # presidio-research synthetic datasets
    "ZIP_CODE": "POSTCODE",
    "ADDRESS": "STREET_ADDRESS",
    "STREET": "STREET_ADDRESS",
    "BIRTHDATE": "DATE_OF_BIRTH",
    # spellings seen in varsam notes and other corpora
    "CID": "CUSTOMER_ID",
    "CUSTOMER_NUMBER": "CUSTOMER_ID",
    "PERSONNUMMER": "NATIONAL_ID",
    "SAMORDNINGSNUMMER": "NATIONAL_ID",
    "FODSELSNUMMER": "NATIONAL_ID",
    "CPR": "NATIONAL_ID",
    "HETU": "NATIONAL_ID",
    "ORGNR": "ORG_NUMBER",
    "BANKGIRO": "BANK_ACCOUNT",
    "PLUSGIRO": "BANK_ACCOUNT",
    "DOB": "DATE_OF_BIRTH",
    "LICENSE_PLATE": "VEHICLE_PLATE",
    "PLATE": "VEHICLE_PLATE",
    "PHONE_NUMBER_SPOKEN": "PHONE",
}

# Types whose leak is a breach on its own (the same set the redactor is recall-first on); the
# benchmark's leak-rate ratio is taken over these. Places, organisations, postcodes, ages and
# bare numbers identify only in combination.
SENSITIVE_TYPES: frozenset[str] = frozenset(str(t) for t in REDACTOR_SENSITIVE_TYPES)


def canonical_type(name: str) -> str:
    """varsam's name for the entity type `name` (upper-cased; unknown names pass through)."""
    key = name.strip().upper()
    return ALIASES.get(key, key)
