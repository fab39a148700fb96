"""The entity types redaction knows, how they rank on ties, and the per-type score floors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Names of the kinds of personal data a span can hold; they appear in tags as `[NAME]`."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    CARD_NUMBER = "CARD_NUMBER"
    CARD_CVV = "CARD_CVV"
    CARD_EXPIRY = "CARD_EXPIRY"
    IBAN = "IBAN"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    NATIONAL_ID = "NATIONAL_ID"
    ORG_NUMBER = "ORG_NUMBER"
    STREET_ADDRESS = "STREET_ADDRESS"
    POSTCODE = "POSTCODE"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    AGE = "AGE"
    USERNAME = "USERNAME"
    VEHICLE_PLATE = "VEHICLE_PLATE"
    VIN = "VIN"
    IP_ADDRESS = "IP_ADDRESS"
    CUSTOMER_ID = "CUSTOMER_ID"
    NUMBER = "NUMBER"


# Most sensitive first: on a score tie the earlier type names the merged span.
SENSITIVITY_ORDER: tuple[str, ...] = (
    EntityType.NATIONAL_ID,
    EntityType.CARD_NUMBER,
    EntityType.CARD_CVV,
    EntityType.IBAN,
    EntityType.BANK_ACCOUNT,
    EntityType.PERSON,
    EntityType.DATE_OF_BIRTH,
    EntityType.PHONE,
    EntityType.EMAIL,
    EntityType.STREET_ADDRESS,
    EntityType.CARD_EXPIRY,
    EntityType.USERNAME,
    EntityType.VIN,
    EntityType.VEHICLE_PLATE,
    EntityType.CUSTOMER_ID,
    EntityType.ORG_NUMBER,
    EntityType.IP_ADDRESS,
    EntityType.POSTCODE,
    EntityType.AGE,
    EntityType.LOCATION,
    EntityType.ORGANIZATION,
    EntityType.NUMBER,
)

# A leak of one of these is a breach on its own: recall first, any score is redacted unless a
# policy names the type with its own floor.
SENSITIVE_TYPES: frozenset[str] = frozenset(
    {
        EntityType.PERSON,
        EntityType.EMAIL,
        EntityType.PHONE,
        EntityType.CARD_NUMBER,
        EntityType.CARD_CVV,
        EntityType.CARD_EXPIRY,
        EntityType.IBAN,
        EntityType.BANK_ACCOUNT,
        EntityType.NATIONAL_ID,
        EntityType.ORG_NUMBER,
        EntityType.STREET_ADDRESS,
        EntityType.DATE_OF_BIRTH,
        EntityType.USERNAME,
        EntityType.VEHICLE_PLATE,
        EntityType.VIN,
        EntityType.IP_ADDRESS,
        EntityType.CUSTOMER_ID,
    }
)

# Identifiers said as a run of digits: what a cue before a number run, or an agent's question,
# can name as the run's type.
NUMERIC_TYPES: frozenset[str] = frozenset(
    {
        EntityType.NATIONAL_ID,
        EntityType.PHONE,
        EntityType.CARD_NUMBER,
        EntityType.CUSTOMER_ID,
        EntityType.BANK_ACCOUNT,
        EntityType.DATE_OF_BIRTH,
    }
)


def sensitivity(entity_type: str) -> int:
    """Rank of `entity_type` for tie-breaks: higher is more sensitive; unknown types rank lowest."""
    try:
        return len(SENSITIVITY_ORDER) - SENSITIVITY_ORDER.index(entity_type)
    except ValueError:
        return 0


@dataclass(frozen=True)
class ScoreFloors:
    """The lowest score a span of each type needs to be kept: a policy as data.

    `per_type` wins; otherwise a sensitive type needs `sensitive` (0: every hit is redacted,
    however unsure) and any other type `default`. Raise `default` to trade recall on places,
    organisations, ages and bare numbers for precision without risking a leaked identifier.
    """

    default: float = 0.0
    sensitive: float = 0.0
    per_type: Mapping[str, float] = field(default_factory=dict)

    def floor(self, entity_type: str) -> float:
        """The minimum score for a span of `entity_type`."""
        if entity_type in self.per_type:
            return self.per_type[entity_type]
        return self.sensitive if entity_type in SENSITIVE_TYPES else self.default

    def keeps(self, entity_type: str, score: float) -> bool:
        """True when a span of `entity_type` scoring `score` is kept."""
        return score >= self.floor(entity_type)
