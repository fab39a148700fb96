"""Names, contact details, addresses and other personal data, written and as said."""

from __future__ import annotations

import random
from collections.abc import Callable

import phonenumbers
from stdnum.se import postnummer

from redaction_corpus.identifiers import (
    Rendered,
    bank_account,
    birth_date,
    card_number,
    digits,
    iban_number,
    national_id,
    org_number,
    until,
    whisper_or_words,
)
from redaction_corpus.people import pool
from redaction_corpus.words import (
    cardinal,
    digit_words,
    month,
    ordinal,
    pair_words,
    say_number_groups,
    spell,
    year,
)

UK_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def person(rng: random.Random, lang: str) -> Rendered:
    """A first and last name; spoken, sometimes lowercase or with the surname spelled."""
    first, last = rng.choice(pool("FIRST_NAMES", lang)), rng.choice(pool("LAST_NAMES", lang))
    name = f"{first} {last}"
    said = name if rng.random() < 0.5 else name.lower()
    if rng.random() < 0.15:
        said = f"{said} {spell(last, lang, rng)}"
    return name, said


def phone(rng: random.Random, lang: str) -> Rendered:
    """A mobile or landline number valid for the language's country."""
    region = {"en": "GB", "sv": "SE", "no": "NO", "da": "DK"}[lang]
    make = {
        "sv": lambda: rng.choice(["070", "072", "073", "076", "079", "08"]) + digits(rng, 7),
        "no": lambda: rng.choice("49") + digits(rng, 7),
        "da": lambda: rng.choice(["2", "3", "4", "5", "6", "7", "8"]) + digits(rng, 7),
        "en": lambda: "07" + rng.choice("3456789") + digits(rng, 8),
    }[lang]
    number = until(make, lambda n: phonenumbers.is_valid_number(phonenumbers.parse(n, region)))
    groups = {
        "sv": [number[:3], number[3:6], number[6:8], number[8:]],
        "no": [number[:3], number[3:5], number[5:]],
        "da": [number[i : i + 2] for i in range(0, 8, 2)],
        "en": [number[:5], number[5:]],
    }[lang]
    parsed = phonenumbers.parse(number, region)
    intl = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    grouped = " ".join(groups)
    written = [grouped, number, intl]
    if lang == "sv":
        written.append(f"{groups[0]}-{' '.join(groups[1:])}")
    return rng.choice(written), whisper_or_words(rng, written, say_number_groups(groups, lang, rng))


def email(rng: random.Random, lang: str) -> Rendered:
    """first.last@domain, said "anna punkt berg snabel-a gmail punkt com"."""
    first = rng.choice(pool("FIRST_NAMES", lang)).lower()
    last = rng.choice(pool("LAST_NAMES", lang)).lower().replace("'", "")
    sep = rng.choice([".", "", "_"])
    local = f"{first}{sep}{last}" + (str(rng.randrange(10, 99)) if rng.random() < 0.3 else "")
    written = f"{local}@{rng.choice(pool('EMAIL_DOMAINS', lang))}"
    said = []
    for token in written.replace(".", " . ").replace("@", " @ ").replace("_", " _ ").split():
        said.append(spell(token, lang, rng) if token in ".@_" or token.isdigit() else token)
    return written, " ".join(said)


def postcode(rng: random.Random, lang: str) -> Rendered:
    """A postcode in the country's format (UK outward and inward codes for English)."""
    if lang == "sv":
        value = until(lambda: rng.choice("123456789") + digits(rng, 4), postnummer.is_valid)
        written = f"{value[:3]} {value[3:]}"
        said = say_number_groups([value[:3], value[3:]], lang, rng)
    elif lang == "en":
        area = rng.choice(["SW", "NW", "EC", "M", "LS", "BS", "G", "CF", "EH"])
        inward = f"{rng.randrange(1, 10)}{rng.choice(UK_LETTERS)}{rng.choice(UK_LETTERS)}"
        written = f"{area}{rng.randrange(1, 20)} {inward}"
        said = spell(written, lang, rng)
    else:
        written = f"{rng.randrange(1, 10)}{digits(rng, 3)}"
        said = (
            pair_words(written, lang, rng)
            if rng.random() < 0.5
            else digit_words(written, lang, rng)
        )
    return written, whisper_or_words(rng, [written], said)


def street_address(rng: random.Random, lang: str) -> Rendered:
    """A street and house number, the number before the street in English."""
    street = rng.choice(pool("STREETS", lang))
    number = rng.randrange(1, 120)
    letter = rng.choice(["", "", "", "A", "B"])
    if lang == "en":
        return f"{number} {street}", f"{cardinal(number, lang)} {street.lower()}"
    said = f"{street.lower()} {cardinal(number, lang)}" + (f" {letter.lower()}" if letter else "")
    return f"{street} {number}{letter}", whisper_or_words(rng, [f"{street} {number}{letter}"], said)


def ip_address(rng: random.Random, lang: str) -> Rendered:
    """An IPv4 address, said octet by octet."""
    octets = [
        rng.choice([10, 192, 172, 81, 85, 62, 213]),
        *(rng.randrange(0, 256) for _ in range(3)),
    ]
    written = ".".join(map(str, octets))
    dot = spell(".", lang, rng)
    if rng.random() < 0.5:
        said = f" {dot} ".join(cardinal(o, lang) for o in octets)
    else:
        said = f" {dot} ".join(digit_words(str(o), lang, rng) for o in octets)
    return written, whisper_or_words(rng, [written], said)


def customer_id(rng: random.Random, lang: str) -> Rendered:
    """A customer id of the shape CID-44129, said "c i d four four one two nine"."""
    number = digits(rng, rng.choice([5, 6]))
    written = rng.choice([f"CID-{number}", f"CID{number}", f"CID {number}"])
    said = spell("CID", lang, rng) + " " + digit_words(number, lang, rng)
    return written, whisper_or_words(
        rng, [f"cid {number}", f"CID-{number}", f"c i d {number}"], said
    )


def date_of_birth(rng: random.Random, lang: str) -> Rendered:
    """A birth date, written numerically or with the month name, said with ordinals."""
    born = birth_date(rng)
    name = month(born.month, lang)
    numeric = f"{born.day}/{born.month}/{born.year}" if lang == "en" else born.strftime("%d.%m.%Y")
    long = (
        f"{born.day} {name.capitalize()} {born.year}"
        if lang == "en"
        else f"{born.day}. {name} {born.year}"
    )
    if lang == "sv":
        long = f"{born.day} {name} {born.year}"
    written = rng.choice([born.isoformat(), numeric, long])
    day, said_year = ordinal(born.day, lang), year(born.year, lang, rng)
    said = f"{day} {name} {said_year}"
    if lang == "en":  # "the" stays outside the span: it is not part of the date
        said = rng.choice([f"{day} of {name} {said_year}", f"{name} {day} {said_year}"])
    return written, whisper_or_words(rng, [f"{born.day} {name} {born.year}"], said)


def age(rng: random.Random, lang: str) -> Rendered:
    """An age in years: the number only."""
    years = rng.randrange(18, 95)
    return str(years), whisper_or_words(rng, [str(years)], cardinal(years, lang))


def vehicle_plate(rng: random.Random, lang: str) -> Rendered:
    """A registration plate in the country's format."""
    letters = "ABCDEFGHJKLMNPRSTUWXYZ"
    pick = lambda n: "".join(rng.choice(letters) for _ in range(n))  # noqa: E731
    written = {
        "sv": f"{pick(3)} {digits(rng, 2)}{rng.choice([rng.choice('0123456789'), pick(1)])}",
        "no": f"{pick(2)} {rng.randrange(10000, 99999)}",
        "da": f"{pick(2)} {digits(rng, 2)} {digits(rng, 3)}",
        "en": f"{pick(2)}{digits(rng, 2)} {pick(3)}",
    }[lang]
    return written, whisper_or_words(rng, [written, written.lower()], spell(written, lang, rng))


def town(rng: random.Random, lang: str) -> Rendered:
    """A town or city; Whisper capitalises most place names."""
    name = rng.choice(pool("TOWNS", lang))
    return name, name if rng.random() < 0.7 else name.lower()


def company(rng: random.Random, lang: str) -> Rendered:
    """A small company's name."""
    name = rng.choice(pool("COMPANIES", lang))
    return name, name if rng.random() < 0.5 else name.lower()


GENERATORS: dict[str, Callable[[random.Random, str], Rendered]] = {
    "PERSON": person,
    "PHONE": phone,
    "EMAIL": email,
    "NATIONAL_ID": national_id,
    "ORG_NUMBER": org_number,
    "CARD_NUMBER": card_number,
    "IBAN": iban_number,
    "BANK_ACCOUNT": bank_account,
    "POSTCODE": postcode,
    "STREET_ADDRESS": street_address,
    "IP_ADDRESS": ip_address,
    "CUSTOMER_ID": customer_id,
    "DATE_OF_BIRTH": date_of_birth,
    "AGE": age,
    "VEHICLE_PLATE": vehicle_plate,
    "LOCATION": town,
    "ORGANIZATION": company,
}
