"""Fake but checksum-valid identifiers, each as written and as a caller says it (Whisper's text)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from stdnum import iban, luhn
from stdnum.dk import cpr, cvr
from stdnum.fi import hetu
from stdnum.no import fodselsnummer, kontonr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer

from redaction_corpus.words import pair_words, say_number_groups, spell

Rendered = tuple[str, str]  # (as written, as said)
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def until(make: Callable[[], str], valid: Callable[[str], bool]) -> str:
    for _ in range(10_000):
        value = make()
        if valid(value):
            return value
    raise RuntimeError("no valid value found")


def whisper_or_words(rng: random.Random, written: list[str], said: str) -> str:
    # Whisper writes a digit string about a third of the time, in one of its usual layouts.
    return rng.choice(written) if rng.random() < 0.35 else said


def birth_date(rng: random.Random) -> dt.date:
    return dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 65))


def _national_id_digits(rng: random.Random, lang: str) -> tuple[str, str]:
    born = birth_date(rng)
    ymd = born.strftime("%y%m%d")
    if lang == "no":
        value = until(lambda: born.strftime("%d%m%y") + digits(rng, 5), fodselsnummer.is_valid)
        return value, f"{value[:6]} {value[6:]}"
    if lang == "da":
        value = until(
            lambda: born.strftime("%d%m%y") + digits(rng, 4),
            lambda v: cpr.is_valid(v) and cpr.checksum(v) == 0,  # the pre-2007 modulus 11 too
        )
        return value, f"{value[:6]}-{value[6:]}"
    if lang == "en" and rng.random() < 0.4:
        stem = born.strftime("%d%m%y") + f"{rng.randrange(2, 900):03d}"
        value = f"{stem[:6]}-{stem[6:]}{HETU_CHECK[int(stem) % 31]}"
        assert hetu.is_valid(value)
        return value, value
    day = born.day + (60 if rng.random() < 0.2 else 0)  # samordningsnummer
    stem = ymd[:4] + f"{day:02d}" + digits(rng, 3)
    value = stem + str(luhn.calc_check_digit(stem))
    assert is_swedish_id(value), value
    century = born.strftime("%Y")[:2]
    return value, rng.choice(
        [f"{value[:6]}-{value[6:]}", value, f"{century}{value[:6]}-{value[6:]}", century + value]
    )


def is_swedish_id(value: str) -> bool:
    """A personnummer, or a samordningsnummer (day of birth + 60), that passes its Luhn check."""
    digits = "".join(c for c in value if c.isdigit())[-10:]
    if len(digits) != 10 or not luhn.is_valid(digits):
        return False
    day = int(digits[4:6])
    if day > 60:  # a samordningsnummer; stdnum validates personnummer only
        real = digits[:4] + f"{day - 60:02d}" + digits[6:9]
        return personnummer.is_valid(real + luhn.calc_check_digit(real))
    return personnummer.is_valid(digits)


def national_id(rng: random.Random, lang: str) -> Rendered:
    """Personnummer or samordningsnummer (sv, en), fødselsnummer (no), CPR (da), HETU (en)."""
    compact, written = _national_id_digits(rng, lang)
    if not compact.isdigit():  # Finnish HETU
        return written, whisper_or_words(rng, [written], spell(written, lang, rng))
    if rng.random() < 0.5:
        said = pair_words(written.replace("-", "").replace(" ", ""), lang, rng)
    else:
        said = spell(written, lang, rng, symbols=rng.random() < 0.5)
    return written, whisper_or_words(rng, [written, compact], said)


def org_number(rng: random.Random, lang: str) -> Rendered:
    """Swedish organisationsnummer, Norwegian organisasjonsnummer or Danish CVR."""
    if lang == "no":
        value = until(lambda: rng.choice("89") + digits(rng, 8), no_orgnr.is_valid)
        written = f"{value[:3]} {value[3:6]} {value[6:]}"
    elif lang == "da":
        value = until(lambda: rng.choice("123456789") + digits(rng, 7), cvr.is_valid)
        written = value
    else:
        stem = rng.choice(["55", "55", "71", "80", "96"]) + rng.choice("6789") + digits(rng, 6)
        value = stem + str(luhn.calc_check_digit(stem))
        assert se_orgnr.is_valid(value)
        written = f"{value[:6]}-{value[6:]}"
    said = say_number_groups(written.replace("-", " ").split(), lang, rng)
    return written, whisper_or_words(rng, [written, value], said)


def card_number(rng: random.Random, lang: str) -> Rendered:
    """A 16-digit Visa or Mastercard number with a valid Luhn digit."""
    stem = rng.choice(["4", "51", "52", "53", "54", "55"])
    stem += digits(rng, 15 - len(stem))
    value = stem + str(luhn.calc_check_digit(stem))
    groups = [value[i : i + 4] for i in range(0, 16, 4)]
    written = rng.choice([" ".join(groups), "-".join(groups), value])
    return written, whisper_or_words(
        rng, [" ".join(groups), value], say_number_groups(groups, lang, rng)
    )


def iban_number(rng: random.Random, lang: str) -> Rendered:
    """An IBAN of the language's country (GB for English) with valid check digits."""
    country = {"en": rng.choice(["GB", "SE", "FI"]), "sv": "SE", "no": "NO", "da": "DK"}[lang]
    bban = {
        "SE": lambda: rng.choice(["500", "800", "600", "300", "120"]) + digits(rng, 17),
        "NO": lambda: until(lambda: digits(rng, 11), kontonr.is_valid),
        "DK": lambda: digits(rng, 14),
        "FI": lambda: digits(rng, 14),
        "GB": lambda: rng.choice(["NWBK", "BARC", "LOYD", "HBUK"]) + digits(rng, 14),
    }[country]()
    value = country + iban.calc_check_digits(country + "00" + bban) + bban
    assert iban.is_valid(value)
    grouped = iban.format(value)
    said = spell(value[:4], lang, rng) + " " + say_number_groups(grouped.split()[1:], lang, rng)
    return rng.choice([grouped, value]), whisper_or_words(rng, [grouped, grouped.lower()], said)


def bank_account(rng: random.Random, lang: str) -> Rendered:
    """A Swedish bankgiro number (Luhn) or a Norwegian account number (mod 11)."""
    if lang == "no":
        value = until(lambda: digits(rng, 11), kontonr.is_valid)
        written = f"{value[:4]}.{value[4:6]}.{value[6:]}"
        return written, whisper_or_words(rng, [written], spell(value, lang, rng))
    stem = rng.choice("123456789") + digits(rng, rng.choice([5, 6]))
    value = stem + str(luhn.calc_check_digit(stem))
    written = f"{value[:-4]}-{value[-4:]}"
    return written, whisper_or_words(rng, [written], spell(written, lang, rng))
