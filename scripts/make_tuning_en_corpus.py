"""Writes the English tuning corpus (tuning_en.json): US/UK/German/Nordic names and addresses.

    .venv/bin/python scripts/make_tuning_en_corpus.py [--out PATH] [--seed N]

The corpus the English recognizers (names from the Census lists, street grammar, ZIP codes,
ages, dates, places, organisations, spoken IPs and IBANs) were tuned on. Names come from
Faker's en_US, en_GB, en_IE and en_IN person providers, streets from en_US, en_GB, de_DE and
sv_SE, towns from en_US, en_GB and de_DE. Half written, half lowercase spoken form with numbers
as words. The held-out corpus is written by make_heldout_en_corpus.py from other sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

from faker import Faker
from stdnum import iban

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redaction_corpus.words import cardinal, digit_words, month, ordinal, year

from pipeline.evaluation.corpus import GoldSpan, Sample, dump_corpus

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/redaction_corpus/tuning_en.json"
SEED = 31337
SAMPLES = 600
NAME_LOCALES = ("en_US", "en_US", "en_GB", "en_GB", "en_IE", "en_IN")
STREET_LOCALES = ("en_US", "en_US", "en_GB", "en_GB", "de_DE", "sv_SE")
TOWN_LOCALES = ("en_US", "en_GB", "de_DE")
LEGAL_SUFFIXES = ("Inc", "LLC", "Ltd", "Limited", "GmbH", "AB", "A/S", "ASA", "Oy", "plc")

TEMPLATES: list[str] = [
    "Hi, my name is {PERSON} and I'm calling about my bill.",
    "This is {PERSON}, I have a question about my order.",
    "I spoke with {PERSON} yesterday and she said it was fixed.",
    "Can you add {PERSON} to the account as a second user?",
    "The account is in the name of {PERSON}.",
    "Yes, {PERSON}, that's right.",
    "My wife {PERSON} set it up originally.",
    "I live at {STREET_ADDRESS}.",
    "Please send the new router to {STREET_ADDRESS}, {LOCATION}.",
    "My address is {STREET_ADDRESS}, {LOCATION}, {POSTCODE}.",
    "We moved to {STREET_ADDRESS} last spring.",
    "The shop is at {STREET_ADDRESS}, near the station.",
    "My zip code is {POSTCODE}.",
    "The postcode is {POSTCODE}.",
    "It's {LOCATION}, {POSTCODE}.",
    "I'm {AGE} years old.",
    "I'm {AGE} and I've never had this problem.",
    "My father is {AGE}, he's aged {AGE} actually, sorry.",
    "He's a {AGE}-year-old man, he can't drive to the store.",
    "My date of birth is {DATE_OF_BIRTH}.",
    "I was born on {DATE_OF_BIRTH}.",
    "Born {DATE_OF_BIRTH}, if you need it.",
    "DOB is {DATE_OF_BIRTH}.",
    "My IP address is {IP_ADDRESS}.",
    "The router says {IP_ADDRESS} on the status page.",
    "My IBAN is {IBAN}.",
    "Can you pay the refund into {IBAN}?",
    "I work for {ORGANIZATION}.",
    "The contract is with {ORGANIZATION}, not with me personally.",
    "I'm calling from {LOCATION}.",
    "We live in {LOCATION} now.",
    # Hard negatives.
    "May I help you with anything else?",
    "The main street of the problem is the billing system.",
    "We're on version 2.1 of the app.",
    "It costs 40 dollars a month.",
    "Call me back in twenty minutes please.",
    "I've had this phone for three years.",
    "The fourth option on the menu doesn't work.",
    "We should march on and fix the rest tomorrow.",
    "Turn left at the second light and it's the third house.",
    "I paid twelve pounds fifty for the cable.",
    "Can you reset it at nine o'clock?",
]
_SLOT = re.compile(r"\{([A-Z_]+)\}")
_PUNCT = re.compile(r"[.,?!]")


class Values:
    """Draws each kind of value, written and as said."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}
        for i, loc in enumerate(sorted(set(NAME_LOCALES + STREET_LOCALES + TOWN_LOCALES))):
            self.fakers[loc] = Faker(loc)
            self.fakers[loc].seed_instance(seed + i)

    def _faker(self, locales: tuple[str, ...]) -> tuple[str, Faker]:
        loc = self.rng.choice(locales)
        return loc, self.fakers[loc]

    def person(self) -> tuple[str, str]:
        _, f = self._faker(NAME_LOCALES)
        name = f"{f.first_name()} {f.last_name()}"
        return name, name.lower()

    def street_address(self) -> tuple[str, str]:
        rng = self.rng
        loc, f = self._faker(STREET_LOCALES)
        street = f.street_name()
        n = rng.choice([rng.randrange(1, 100), rng.randrange(100, 2000)])
        if loc in ("de_DE", "sv_SE"):
            return f"{street} {n}", f"{street.lower()} {cardinal(n, 'en') if n < 100 else n}"
        letter = rng.choice(["", "", "", "b"])
        written = f"{n}{letter} {street}"
        if n >= 1000 and rng.random() < 0.5:
            said_number = f"{cardinal(n // 100, 'en')} {cardinal(n % 100, 'en')}"
        else:
            said_number = cardinal(n, "en")
        return written, f"{said_number}{' ' + letter if letter else ''} {street.lower()}"

    def postcode(self) -> tuple[str, str]:
        rng = self.rng
        kind = rng.choice(["us", "us", "uk", "de"])
        if kind == "us":
            z = self.fakers["en_US"].zipcode()
            return z, digit_words(z, "en", rng)
        if kind == "uk":
            code = self.fakers["en_GB"].postcode()
            return code, " ".join(
                digit_words(c, "en", rng) if c.isdigit() else c.lower() for c in code if c != " "
            )
        code = self.fakers["de_DE"].postcode()
        return code, digit_words(code, "en", rng)

    def location(self) -> tuple[str, str]:
        _, f = self._faker(TOWN_LOCALES)
        city = f.city()
        return city, city.lower()

    def organization(self) -> tuple[str, str]:
        _, f = self._faker(("en_US", "en_GB"))
        org = f"{f.last_name()} {self.rng.choice(['Logistics', 'Plumbing', 'Media', 'Group'])}"
        org += f" {self.rng.choice(LEGAL_SUFFIXES)}"
        return org, org.lower()

    def age(self) -> tuple[str, str]:
        n = self.rng.randrange(18, 99)
        return str(n), cardinal(n, "en")

    def date_of_birth(self) -> tuple[str, str]:
        rng = self.rng
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 65))
        name = month(born.month, "en")
        written = rng.choice(
            [
                f"{born.month}/{born.day}/{born.year}",
                f"{born.day:02d}/{born.month:02d}/{born.year}",
                f"{name.capitalize()} {born.day}, {born.year}",
                f"{born.day} {name.capitalize()} {born.year}",
                born.isoformat(),
            ]
        )
        said = rng.choice(
            [
                f"the {ordinal(born.day, 'en')} of {name} {year(born.year, 'en', rng)}",
                f"{name} {ordinal(born.day, 'en')} {year(born.year, 'en', rng)}",
                f"{name} {ordinal(born.day, 'en')}",
            ]
        )
        return written, said

    def ip_address(self) -> tuple[str, str]:
        rng = self.rng
        octets = [rng.choice([10, 192, 172, 81]), *(rng.randrange(0, 256) for _ in range(3))]
        if rng.random() < 0.5:
            said = " dot ".join(digit_words(str(o), "en", rng) for o in octets)
        else:
            said = " dot ".join(cardinal(o, "en") for o in octets)
        return ".".join(map(str, octets)), said

    def iban(self) -> tuple[str, str]:
        rng = self.rng
        country = rng.choice(["GB", "SE", "DE"])
        digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
        bban = {
            "GB": lambda: rng.choice(["NWBK", "BARC", "LOYD"]) + digits(14),
            "SE": lambda: rng.choice(["500", "800", "600"]) + digits(17),
            "DE": lambda: digits(18),
        }[country]()
        value = country + iban.calc_check_digits(country + "00" + bban) + bban
        grouped = iban.format(value)
        said = " ".join(c.lower() if c.isalpha() else digit_words(c, "en", rng) for c in value)
        return grouped, said


def render(template: str, form: str, values: Values) -> tuple[str, list[GoldSpan]]:
    """A template filled in; spoken: lowercase, no punctuation, values said."""
    text, spans, cursor = "", [], 0
    for match in _SLOT.finditer(template):
        literal = template[cursor : match.start()]
        text += _PUNCT.sub("", literal.lower()) if form == "spoken" else literal
        written, said = getattr(values, match.group(1).lower())()
        value = said if form == "spoken" else written
        start = len(text)
        text += value
        spans.append(GoldSpan(match.group(1), value, start, len(text)))
        cursor = match.end()
    tail = template[cursor:]
    text += _PUNCT.sub("", tail.lower()) if form == "spoken" else tail
    return text, spans


def make(seed: int = SEED) -> list[Sample]:
    """The tuning corpus: alternating written and spoken utterances."""
    rng = random.Random(seed)
    values = Values(rng, seed)
    weights = [3 if _SLOT.search(t) else 1 for t in TEMPLATES]
    samples = []
    for i in range(SAMPLES):
        template_id = i if i < len(TEMPLATES) else rng.choices(range(len(TEMPLATES)), weights)[0]
        form = "written" if i % 2 == 0 else "spoken"
        text, spans = render(TEMPLATES[template_id], form, values)
        samples.append(
            Sample(text, tuple(spans), "en", form, {"template_id": f"tuning-en-{template_id}"})
        )
    return samples


def main(argv: list[str] | None = None) -> None:
    """Write the corpus to --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    samples = make(args.seed)
    args.out.write_text(dump_corpus(samples), encoding="utf-8")
    print(f"wrote {len(samples)} utterances, {sum(len(s.spans) for s in samples)} entities")


if __name__ == "__main__":
    main()
