"""Fake personal values for the speech sets: the written value, and the words a caller says."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import phonenumbers
from redaction_corpus.words import (
    SYMBOLS,
    cardinal,
    digit_words,
    month,
    ordinal,
    pair_words,
    say_number_groups,
    year,
)
from stdnum import iban, luhn
from stdnum.dk import cpr
from stdnum.no import fodselsnummer
from stdnum.se import personnummer
from stdnum.us import ssn

from speech_eval.pools import Pools


@dataclass(frozen=True)
class Value:
    """One personal value: its type, written form (the ground truth), and the words spoken."""

    type: str
    value: str
    spoken: str


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _until(make: Callable[[], str], valid: Callable[[str], bool]) -> str:
    while True:
        candidate = make()
        if valid(candidate):
            return candidate


def _birth(rng: random.Random) -> date:
    return date(1944, 1, 1) + timedelta(days=rng.randrange(60 * 365))


def _groups(rng: random.Random, digits: str, sizes: list[int], lang: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return say_number_groups([p for p in parts if p], lang, rng)


def national_id(rng: random.Random, lang: str, pools: Pools) -> Value:
    """Personnummer (sv, and Swedish residents on the English line), fødselsnummer, CPR, SSN."""
    born = _birth(rng)
    if lang == "no":
        number = _until(lambda: born.strftime("%d%m%y") + _digits(rng, 5), fodselsnummer.is_valid)
        return Value("NATIONAL_ID", number, _groups(rng, number, [6, 5], lang))
    if lang == "da":
        number = _until(lambda: born.strftime("%d%m%y") + _digits(rng, 4), cpr.is_valid)
        said = _groups(rng, number, [2, 2, 2, 4], lang)
        return Value("NATIONAL_ID", f"{number[:6]}-{number[6:]}", said)
    if lang == "en" and rng.random() < 0.35:
        number = _until(lambda: _digits(rng, 9), ssn.is_valid)
        said = _groups(rng, number, [3, 2, 4], lang)
        return Value("NATIONAL_ID", f"{number[:3]}-{number[3:5]}-{number[5:]}", said)
    body = born.strftime("%Y%m%d") + _digits(rng, 3)
    number = body + luhn.calc_check_digit(body[2:])
    assert personnummer.is_valid(number)
    tail = _groups(rng, number[8:], [4], "sv" if lang == "sv" else lang)
    if rng.random() < 0.5:
        head = year(born.year, lang, rng) + ", " + _groups(rng, number[4:8], [2, 2], lang)
        return Value("NATIONAL_ID", f"{number[:8]}-{number[8:]}", f"{head}, {tail}")
    head = _groups(rng, number[2:8], [2, 2, 2], lang)
    return Value("NATIONAL_ID", f"{number[2:8]}-{number[8:]}", f"{head}, {tail}")


PHONE_SHAPES: dict[str, tuple[Callable[[random.Random], str], list[int], str]] = {
    "sv": (lambda r: r.choice(["070", "072", "073", "076"]) + _digits(r, 7), [3, 3, 2, 2], "SE"),
    "no": (lambda r: r.choice("49") + _digits(r, 7), [3, 2, 3], "NO"),
    "da": (lambda r: r.choice("2345") + _digits(r, 7), [2, 2, 2, 2], "DK"),
    "en": (lambda r: "07" + r.choice("3456789") + _digits(r, 8), [5, 3, 3], "GB"),
}


def phone(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A mobile number valid in the language's country (phonenumbers checks it)."""
    make, sizes, region = PHONE_SHAPES[lang]
    number = _until(
        lambda: make(rng), lambda n: phonenumbers.is_valid_number(phonenumbers.parse(n, region))
    )
    written, at = [], 0
    for size in sizes:
        written.append(number[at : at + size])
        at += size
    return Value("PHONE", " ".join(written), _groups(rng, number, sizes, lang))


def email(rng: random.Random, lang: str, pools: Pools) -> Value:
    """first.last@domain or firstlast@domain, said with the language's words for . and @."""
    first = rng.choice(pools.first_names[lang]).lower()
    last = rng.choice(pools.last_names[lang]).lower()
    first, last = (_ascii(first), _ascii(last))
    local = f"{first}.{last}" if rng.random() < 0.6 else f"{first[0]}{last}"
    domain = rng.choice(pools.email_domains[lang])
    symbols = SYMBOLS[lang]
    said_local = local.replace(".", f" {symbols['.']} ")
    if "." not in local:
        said_local = f"{local[0]}, {local[1:]}"
    label, tld = domain.rsplit(".", 1)
    said = f"{said_local} {symbols['@']} {label} {symbols['.']} {tld}"
    return Value("EMAIL", f"{local}@{domain}", said)


def _ascii(word: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ø": "o", "æ": "ae", "é": "e"})
    return word.translate(table).replace("'", "")


def card_number(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A 16-digit Luhn-valid card number, read in four groups."""
    body = rng.choice(["4", "51", "52", "55"])
    body += _digits(rng, 15 - len(body))
    number = body + luhn.calc_check_digit(body)
    groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return Value("CARD_NUMBER", " ".join(groups), _groups(rng, number, [4, 4, 4, 4], lang))


IBAN_SHAPES: dict[str, tuple[str, int]] = {"sv": ("SE", 20), "no": ("NO", 11), "da": ("DK", 14)}


def iban_number(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A checksum-valid IBAN of the caller's country (a Swedish one on the English line)."""
    country, length = IBAN_SHAPES.get(lang, ("SE", 20))
    bban = _digits(rng, length)
    if country == "SE":
        bban = rng.choice(["500", "600", "800", "300"]) + bban[3:]
    number = country + iban.calc_check_digits(country + "00" + bban) + bban
    assert iban.is_valid(number)
    said_country = " ".join(country.lower())
    rest = number[2:]
    sizes = [4] * (len(rest) // 4) + ([len(rest) % 4] if len(rest) % 4 else [])
    said = f"{said_country}, " + _groups(rng, rest, sizes, lang)
    return Value("IBAN", iban.format(number), said)


def person(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A first name and a surname."""
    name = f"{rng.choice(pools.first_names[lang])} {rng.choice(pools.last_names[lang])}"
    return Value("PERSON", name, name)


STREET_TYPES: dict[str, list[str]] = {
    "en": ["Street", "Lane", "Road", "Avenue", "Close", "Drive", "Way", "Crescent"],
    "sv": ["gatan", "vägen", "gränd", "stigen"],
    "no": ["veien", "gata", "bakken"],
    "da": ["vej", "gade", "allé"],
}


def street_address(rng: random.Random, lang: str, pools: Pools) -> Value:
    """ "12 Birchwood Lane" (en) or "Ekbackevägen 14" (Nordic), the house number in words."""
    stem = rng.choice(pools.street_stems[lang])
    kind = rng.choice(STREET_TYPES[lang])
    number = rng.randrange(1, 160)
    if lang == "en":
        written = f"{number} {stem} {kind}"
        return Value("STREET_ADDRESS", written, f"{cardinal(number, lang)} {stem} {kind}")
    street = stem + kind
    return Value("STREET_ADDRESS", f"{street} {number}", f"{street} {cardinal(number, lang)}")


def postcode(rng: random.Random, lang: str, pools: Pools) -> Value:
    """Swedish "123 45", a US ZIP code, or a Norwegian or Danish four-digit code."""
    if lang == "sv":
        code = str(rng.randrange(100, 990)) + _digits(rng, 2)
        return Value("POSTCODE", f"{code[:3]} {code[3:]}", _groups(rng, code, [3, 2], lang))
    if lang == "en":
        code = str(rng.randrange(10000, 99950))
        return Value("POSTCODE", code, digit_words(code, lang, rng))
    code = str(rng.randrange(1000, 9990))
    said = pair_words(code, lang, rng) if rng.random() < 0.5 else digit_words(code, lang, rng)
    return Value("POSTCODE", code, said)


def date_of_birth(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A birth date said as people say it; the written value is ISO (YYYY-MM-DD)."""
    born = _birth(rng)
    day, mon, yr = ordinal(born.day, lang), month(born.month, lang), year(born.year, lang, rng)
    if lang == "en":
        said = f"the {day} of {mon}, {yr}" if rng.random() < 0.5 else f"{mon} the {day}, {yr}"
    elif lang == "sv":
        said = f"den {day} {mon} {yr}"
    else:
        said = f"{day} {mon} {yr}"
    return Value("DATE_OF_BIRTH", born.isoformat(), said)


def customer_id(rng: random.Random, lang: str, pools: Pools) -> Value:
    """A customer number: letters and digits ("CID 482913"), or digits only."""
    digits = str(rng.randrange(10000, 999999))
    if rng.random() < 0.5:
        prefix = rng.choice(pools.customer_prefixes)
        said = " ".join(prefix.lower()) + ", " + digit_words(digits, lang, rng)
        return Value("CUSTOMER_ID", f"{prefix}-{digits}", said)
    return Value("CUSTOMER_ID", digits, _groups(rng, digits, [3, 3], lang))


GENERATORS: dict[str, Callable[[random.Random, str, Pools], Value]] = {
    "NATIONAL_ID": national_id,
    "PHONE": phone,
    "EMAIL": email,
    "CARD_NUMBER": card_number,
    "IBAN": iban_number,
    "PERSON": person,
    "STREET_ADDRESS": street_address,
    "POSTCODE": postcode,
    "DATE_OF_BIRTH": date_of_birth,
    "CUSTOMER_ID": customer_id,
}
