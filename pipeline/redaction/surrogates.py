"""Fake values for surrogates: realistic, shaped like the original, checksums valid."""

from __future__ import annotations

import ipaddress
import string
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from random import Random

from pipeline.redaction import fake_data
from pipeline.redaction.national_fakes import fake_national_id, fake_org_number
from pipeline.redaction.shapes import digits_of, pour, shape

# Names a call's person-like values through one memory, so "John Smith", "Smith" and
# "john.smith@..." all get the same fake name parts (see operators.SurrogateOperator).
NameMapper = Callable[[list[str], Random], list[str]]

# Reserved for documentation (RFC 2606, RFC 5737, RFC 3849): never someone's real address.
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
EXAMPLE_IPV4_NETS = ("192.0.2.", "198.51.100.", "203.0.113.")


def fake_person(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A fake name with as many parts as the original, each part mapped consistently."""
    return " ".join(names(value.split(), rng))


def fake_email(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """firstname.lastname@example.com, the name parts mapped like the person's name."""
    local = value.split("@")[0] if "@" in value else value.split(" at ")[0]
    parts = [p for p in _split_local(local) if p.isalpha()]
    fake = names(parts, rng) if parts else names(["x", "y"], rng)
    return ".".join(_ascii(p).lower() for p in fake) + "@" + rng.choice(EXAMPLE_DOMAINS)


def _ascii(name: str) -> str:
    # Addresses are mostly written without diacritics: "Bergström" -> "bergstrom".
    name = name.translate(_NO_DECOMPOSITION)
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


_NO_DECOMPOSITION = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def _split_local(local: str) -> list[str]:
    for sep in (" dot ", ".", "_", "-", " "):
        local = local.replace(sep, " ")
    return local.split()


def fake_phone(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """Same separators and length; the country or trunk prefix kept, the subscriber part new."""
    digits = digits_of(value)
    if len(digits) < 6:
        return _spoken_phone(rng, language) if not digits else shape(value, rng)
    keep = 3 if len(digits) >= 8 else 1
    fake = digits[:keep] + "".join(rng.choice(string.digits) for _ in digits[keep:])
    return pour(value, fake) or fake


def _spoken_phone(rng: Random, language: str | None) -> str:
    rest = "".join(rng.choice(string.digits) for _ in range(7))
    if fake_data.list_language(language) == "en":
        return f"07700 900{rest[:3]}"  # Ofcom's range for drama: never a real line
    return f"07{rng.choice('0236')}-{rest[:3]} {rest[3:5]} {rest[5:]}"


def fake_card(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A Luhn-valid number of the same length and network (first digit), in the same layout."""
    from stdnum import luhn

    digits = digits_of(value)
    length = len(digits) if 13 <= len(digits) <= 19 else 16
    first = digits[0] if digits else "4"
    body = first + "".join(rng.choice(string.digits) for _ in range(length - 2))
    fake = body + luhn.calc_check_digit(body)
    return pour(value, fake) or " ".join(fake[i : i + 4] for i in range(0, length, 4))


def fake_iban(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """An IBAN of the same country and length with valid check digits, in the same layout."""
    from stdnum import iban

    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    if len(compact) < 15 or not (compact[:2].isascii() and compact[:2].isalpha()):
        compact = "SE" + "0" * 22
    bban = "".join(
        rng.choice(string.ascii_uppercase) if ch.isalpha() else rng.choice(string.digits)
        for ch in compact[4:]
    )
    check = iban.calc_check_digits(compact[:2] + "00" + bban)
    fake = compact[:2] + check + bban
    return pour(value, fake, slot=str.isalnum) or iban.format(fake)


def fake_ip(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """An address from the documentation ranges, of the same IP version."""
    try:
        version = ipaddress.ip_address(value.strip()).version
    except ValueError:
        return shape(value, rng)
    if version == 6:
        return f"2001:db8::{rng.randrange(1, 0xFFFF):x}"
    return rng.choice(EXAMPLE_IPV4_NETS) + str(rng.randrange(1, 255))


def fake_location(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A city; a street address when the original has a house number."""
    if any(ch.isdigit() for ch in value):
        return fake_address(value, rng, language, names)
    return rng.choice(fake_data.for_language(fake_data.CITIES, language))


def fake_address(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A street and a house number, in the order the language writes them."""
    street = rng.choice(fake_data.for_language(fake_data.STREETS, language))
    number = rng.randrange(1, 99)
    return (
        f"{number} {street}" if fake_data.list_language(language) == "en" else f"{street} {number}"
    )


def fake_organization(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A made-up company name of the language's usual form."""
    return rng.choice(fake_data.for_language(fake_data.ORGANIZATIONS, language))


def fake_postcode(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """Same layout, new digits; postcodes do not start with 0 in the Nordics."""
    fake = shape(value, rng)
    digits = digits_of(fake)
    if digits and digits[0] == "0":
        fake = pour(fake, rng.choice("123456789") + digits[1:]) or fake
    return fake


def fake_customer_id(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """Keep a letter prefix such as "CID-" (a format, not a person); the rest gets new digits."""
    head = len(value) - len(value.lstrip(string.ascii_letters + "-_ "))
    if head and any(ch.isdigit() for ch in value[head:]):
        return value[:head] + shape(value[head:], rng)
    return shape(value, rng)


def fake_date(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A plausible birth date in the original's digit layout (year first or last)."""
    day = date(1940, 1, 1) + timedelta(days=rng.randrange(65 * 365))
    digits = digits_of(value)
    if len(digits) == 8:
        year_first = digits[:2] in ("19", "20")
        fake = day.strftime("%Y%m%d" if year_first else "%d%m%Y")
    elif len(digits) == 6:
        fake = day.strftime("%y%m%d" if (language or "").startswith("sv") else "%d%m%y")
    else:
        return shape(value, rng)
    return pour(value, fake) or fake


def fake_expiry(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A card expiry month: a real month, a year within the next few."""
    fake = f"{rng.randrange(1, 13):02d}{rng.randrange(26, 32):02d}"
    digits = digits_of(value)
    if len(digits) == 6:
        fake = fake[:2] + "20" + fake[2:]
    return pour(value, fake) or f"{fake[:2]}/{fake[-2:]}"


def fake_age(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """An adult's age in digits."""
    return str(rng.randrange(18, 90))


def fake_username(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """A plausible login: a fake given name and a few digits."""
    given = rng.choice(fake_data.for_language(fake_data.FIRST_NAMES, language))
    return _ascii(given).lower() + str(rng.randrange(10, 1000))


def fake_generic(value: str, rng: Random, language: str | None, names: NameMapper) -> str:
    """Same shape: digits for digits, letters for letters, every separator kept."""
    return shape(value, rng)


Generator = Callable[[str, Random, str | None, NameMapper], str]

GENERATORS: dict[str, Generator] = {
    "PERSON": fake_person,
    "EMAIL": fake_email,
    "PHONE": fake_phone,
    "CARD_NUMBER": fake_card,
    "IBAN": fake_iban,
    "IP_ADDRESS": fake_ip,
    "LOCATION": fake_location,
    "ADDRESS": fake_address,
    "STREET_ADDRESS": fake_address,
    "ORGANIZATION": fake_organization,
    "POSTCODE": fake_postcode,
    "CUSTOMER_ID": fake_customer_id,
    "DATE_OF_BIRTH": fake_date,
    "CARD_EXPIRY": fake_expiry,
    "AGE": fake_age,
    "USERNAME": fake_username,
    "NATIONAL_ID": lambda value, rng, language, names: fake_national_id(value, rng, language),
    "ORG_NUMBER": lambda value, rng, language, names: fake_org_number(value, rng, language),
}


def make_surrogate(
    entity_type: str, value: str, rng: Random, language: str | None, names: NameMapper
) -> str:
    """A fake value for `value` of `entity_type`; unknown types keep only their shape."""
    return GENERATORS.get(entity_type, fake_generic)(value, rng, language, names)
