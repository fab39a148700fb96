"""The entity types redaction knows, and which of them weigh most when two spans tie."""

from __future__ import annotations

from enum import StrEnum


class EntityType(StrEnum):
    """Names of the kinds of personal data a span can hold; they appear in tags as `[NAME]`."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    CARD_NUMBER = "CARD_NUMBER"
    IBAN = "IBAN"
    NATIONAL_ID = "NATIONAL_ID"
    ORG_NUMBER = "ORG_NUMBER"
    POSTCODE = "POSTCODE"
    IP_ADDRESS = "IP_ADDRESS"
    CUSTOMER_ID = "CUSTOMER_ID"
    NUMBER = "NUMBER"


# Most sensitive first: on a score tie the earlier type names the merged span.
SENSITIVITY_ORDER: tuple[str, ...] = (
    EntityType.NATIONAL_ID,
    EntityType.CARD_NUMBER,
    EntityType.IBAN,
    EntityType.PERSON,
    EntityType.PHONE,
    EntityType.EMAIL,
    EntityType.CUSTOMER_ID,
    EntityType.ORG_NUMBER,
    EntityType.IP_ADDRESS,
    EntityType.POSTCODE,
    EntityType.LOCATION,
    EntityType.ORGANIZATION,
    EntityType.NUMBER,
)


def sensitivity(entity_type: str) -> int:
    """Rank of `entity_type` for tie-breaks: higher is more sensitive; unknown types rank lowest."""
    try:
        return len(SENSITIVITY_ORDER) - SENSITIVITY_ORDER.index(entity_type)
    except ValueError:
        return 0
