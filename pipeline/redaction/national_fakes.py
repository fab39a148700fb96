"""Checksum-valid fake Nordic national ids and organisation numbers (python-stdnum checks them)."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from stdnum import luhn
from stdnum.dk import cpr, cvr
from stdnum.fi import hetu, ytunnus
from stdnum.no import fodselsnummer
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer

from pipeline.redaction.fake_data import list_language
from pipeline.redaction.shapes import digits_of, pour, shape


@dataclass(frozen=True)
class _Kind:
    """One country's number: how to recognise it, make a fake one, and write it out."""

    is_valid: Callable[[str], bool]
    make: Callable[[Random], str]  # compact form
    written: Callable[[str], str]  # the usual written form, for spoken originals
    lengths: tuple[int, ...]  # digit counts this kind is written with


def _digits(rng: Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _birth_date(rng: Random) -> date:
    return date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))


def _personnummer(rng: Random) -> str:
    body = _birth_date(rng).strftime("%Y%m%d") + _digits(rng, 3)
    return body + luhn.calc_check_digit(body[2:])


def _fodselsnummer(rng: Random) -> str:
    while True:
        body = _birth_date(rng).strftime("%d%m%y") + f"{rng.randrange(500):03d}"
        k1 = fodselsnummer.calc_check_digit1(body)
        if k1 == "10":
            continue
        k2 = fodselsnummer.calc_check_digit2(body + k1)
        if k2 != "10":
            return body + k1 + k2


def _cpr(rng: Random) -> str:
    # Serial digit 7 in 0..3 means born 1900-1999 for every year: the date stays unambiguous.
    return _birth_date(rng).strftime("%d%m%y") + str(rng.randrange(4)) + _digits(rng, 3)


def _hetu(rng: Random) -> str:
    born = _birth_date(rng)
    body = born.strftime("%d%m%y") + ("-" if born.year < 2000 else "A")
    body += f"{rng.randrange(2, 900):03d}"
    return next(body + c for c in "0123456789ABCDEFHJKLMNPRSTUVWXY" if hetu.is_valid(body + c))


def _with_check(body: Callable[[Random], str], is_valid: Callable[[str], bool]) -> Callable:
    # Draw until the check digit works out (mod 11 schemes refuse some bodies).
    def make(rng: Random) -> str:
        while True:
            candidate = body(rng)
            for check in string.digits:
                if is_valid(candidate + check):
                    return candidate + check

    return make


NATIONAL_IDS: dict[str, _Kind] = {
    "sv": _Kind(personnummer.is_valid, _personnummer, lambda c: f"{c[:8]}-{c[8:]}", (12, 10)),
    "nb": _Kind(fodselsnummer.is_valid, _fodselsnummer, lambda c: c, (11,)),
    "da": _Kind(cpr.is_valid, _cpr, lambda c: f"{c[:6]}-{c[6:]}", (10,)),
    "fi": _Kind(hetu.is_valid, _hetu, lambda c: c, (9, 10)),
}

ORG_NUMBERS: dict[str, _Kind] = {
    "sv": _Kind(
        se_orgnr.is_valid,
        _with_check(lambda rng: "55" + _digits(rng, 7), se_orgnr.is_valid),
        lambda c: f"{c[:6]}-{c[6:]}",
        (10,),
    ),
    "nb": _Kind(
        no_orgnr.is_valid,
        _with_check(lambda rng: rng.choice("89") + _digits(rng, 7), no_orgnr.is_valid),
        lambda c: c,
        (9,),
    ),
    "da": _Kind(
        cvr.is_valid,
        _with_check(lambda rng: rng.choice("123456789") + _digits(rng, 6), cvr.is_valid),
        lambda c: c,
        (8,),
    ),
    "fi": _Kind(
        ytunnus.is_valid,
        _with_check(lambda rng: rng.choice("123") + _digits(rng, 6) + "-", ytunnus.is_valid),
        lambda c: c,
        (8,),
    ),
}


def _pick(kinds: dict[str, _Kind], value: str, language: str | None) -> _Kind | None:
    # The kind the original validates as (the caller's language first), else by language.
    preferred = list_language(language)
    for name in sorted(kinds, key=lambda k: k != preferred):
        if kinds[name].is_valid(value.replace(" ", "")):
            return kinds[name]
    count = len(digits_of(value))
    fallback = kinds.get(preferred)
    if fallback is None:
        return None if count else kinds["sv"]
    return fallback if not count or count in fallback.lengths else None


def _fake(kinds: dict[str, _Kind], value: str, rng: Random, language: str | None) -> str:
    kind = _pick(kinds, value, language)
    if kind is None:
        return shape(value, rng)
    fake = kind.make(rng)
    count = len(digits_of(value))
    if not count or any(ch.isalpha() for ch in fake + value):
        return kind.written(fake)  # spoken, or letters inside (HETU): the usual written form
    fake_digits = digits_of(fake)
    if kind is NATIONAL_IDS["sv"] and count == 10:
        fake_digits = fake_digits[2:]  # ten-digit personnummer: the century left out
    # "+" in a personnummer means a centenarian; the fakes are younger.
    return pour(value.replace("+", "-"), fake_digits) or kind.written(fake)


def fake_national_id(value: str, rng: Random, language: str | None) -> str:
    """A valid personnummer, fødselsnummer, CPR or HETU, of the kind and layout of `value`."""
    return _fake(NATIONAL_IDS, value, rng, language)


def fake_org_number(value: str, rng: Random, language: str | None) -> str:
    """A valid organisationsnummer, organisasjonsnummer, CVR or Y-tunnus, in `value`'s layout."""
    return _fake(ORG_NUMBERS, value, rng, language)
