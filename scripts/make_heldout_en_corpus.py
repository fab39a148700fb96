"""Writes the held-out English corpus (heldout_en.json): sources varsam was never tuned on.

    .venv/bin/python scripts/make_heldout_en_corpus.py [--out PATH] [--seed N]

A separate script from the tuning corpus (make_tuning_en_corpus.py) on purpose: other name
lists (Faker's en_NZ, en_PK, en_NG and en_KE person providers, none of which the gazetteer was
built from), other street formats (Faker's en_AU, en_NZ and en_CA street names, de_AT and
de_CH, da_DK and no_NO streets), other sentence frames, its own number speller and another
seed. Half the utterances are written (cased, digits), half lowercase spoken form with digits
as words, as a recognizer writes speech. Its items are not to be read while tuning: look at
the aggregate per-type numbers of `bench/redaction_vs_presidio.py` only.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.evaluation.corpus import GoldSpan, Sample, dump_corpus

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/redaction_corpus/heldout_en.json"
SEED = 90817
SAMPLES = 600
NAME_LOCALES = {"en_NZ": 5, "en_PK": 2, "en_NG": 2, "en_KE": 1}
STREET_LOCALES = {"en_AU": 4, "en_NZ": 3, "en_CA": 3, "de_AT": 2, "de_CH": 1, "da_DK": 1}

# Frames: {SLOT} is a value; the rest is said around it. Hard negatives have no slot.
FRAMES: list[str] = [
    "Morning, you're through to {PERSON}, how can I help?",
    "Hiya, {PERSON} here, I rang yesterday about the router.",
    "The account holder is {PERSON}, that's my late husband.",
    "Can I check, is that {PERSON} on the line?",
    "I was talking to {PERSON} in your billing team last week.",
    "Put it under {PERSON}, please, she pays the bills now.",
    "We've got {PERSON} and {PERSON} both on the contract.",
    "Thanks {PERSON}, and the address for the engineer visit?",
    "It's number {STREET_ADDRESS}, just past the roundabout.",
    "The parcel should go to {STREET_ADDRESS}, {LOCATION}.",
    "We're at {STREET_ADDRESS} now, we moved in March.",
    "Old address was {STREET_ADDRESS}, new one I'll give you in a sec.",
    "Deliver to {STREET_ADDRESS}, postcode {POSTCODE}.",
    "Billing address {STREET_ADDRESS}, {LOCATION} {POSTCODE}.",
    "The post code there is {POSTCODE}, I think.",
    "Zip is {POSTCODE}.",
    "My mum is {AGE} now and can't manage the stairs.",
    "He turned {AGE} in June, so he gets the senior rate.",
    "I'm {AGE}, not a teenager, I know how to restart it.",
    "She is a {AGE} year old pensioner living alone.",
    "My birthday is {DATE_OF_BIRTH}, if you need it for security.",
    "D.O.B. {DATE_OF_BIRTH}.",
    "I was born {DATE_OF_BIRTH}, in the old hospital.",
    "For verification, date of birth {DATE_OF_BIRTH}.",
    "The modem's IP address shows {IP_ADDRESS} on the sticker.",
    "My laptop gets {IP_ADDRESS}, the printer doesn't get one at all.",
    "Refund to IBAN {IBAN}, same as last time.",
    "The IBAN on the invoice is {IBAN}, is that right?",
    "I run {ORGANIZATION}, we have six lines with you.",
    "The invoice should say {ORGANIZATION}, not my name.",
    "We're ringing from {LOCATION}, the line's been down since Tuesday.",
    "My sister lives over in {LOCATION}.",
    # Hard negatives.
    "Can you hold on a moment while I check?",
    "It's version 4.2 of the firmware, the latest one.",
    "I pay 35 dollars a month for forty megabits.",
    "That's the third time this week, honestly.",
    "Could you ring me back in fifteen minutes?",
    "The main issue is the wifi drops every two hours.",
    "We have two phones and one tablet on the plan.",
    "Press nine for more options.",
    "Is there a cheaper deal for the next twelve months?",
    "I'll be home from six until eight.",
]
_SLOT = re.compile(r"\{([A-Z_]+)\}")
_PUNCT = re.compile(r"[.,?!]")

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def words(n: int) -> str:
    """0..9999 in words, American style without "and"."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else f"-{_ONES[n % 10]}")
    if n < 1000:
        rest = n % 100
        return f"{_ONES[n // 100]} hundred" + (f" {words(rest)}" if rest else "")
    rest = n % 1000
    return f"{words(n // 1000)} thousand" + (f" {words(rest)}" if rest else "")


def digit_by_digit(digits: str, rng: random.Random) -> str:
    """Digits as a caller reads them, with "oh" for zero and "double" for a repeat."""
    out: list[str] = []
    i = 0
    while i < len(digits):
        d = digits[i]
        said = "oh" if d == "0" and rng.random() < 0.6 else _ONES[int(d)]
        if i + 1 < len(digits) and digits[i + 1] == d and rng.random() < 0.5:
            out.append(f"double {said}")
            i += 2
            continue
        out.append(said)
        i += 1
    return " ".join(out)


def house_number(n: int, rng: random.Random) -> str:
    """A house number said as a whole, in pairs ("sixteen oh four") or digit by digit."""
    if n >= 1000 and rng.random() < 0.5:
        head, tail = divmod(n, 100)
        return f"{words(head)} " + (words(tail) if tail >= 10 else f"oh {_ONES[tail]}")
    if n >= 100 and rng.random() < 0.4:
        return digit_by_digit(str(n), rng)
    return words(n)


def ordinal(n: int) -> str:
    """Day of the month as an ordinal word."""
    if n <= 20:
        return _ORD[n - 1]
    if n == 30:
        return "thirtieth"
    return f"{_TENS[n // 10]}-{_ORD[n % 10 - 1]}" if n % 10 else _TENS[n // 10] + "ieth"


def said_year(y: int) -> str:
    """A year as said: nineteen eighty, two thousand five."""
    head, tail = divmod(y, 100)
    if head == 20:
        return f"two thousand {words(tail)}" if tail else "two thousand"
    return f"{words(head)} " + (words(tail) if tail >= 10 else f"oh {_ONES[tail]}")


class Values:
    """Draws each kind of value, written and as said."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = [(Faker(loc), w) for loc, w in NAME_LOCALES.items()]
        self.streets = [(Faker(loc), w) for loc, w in STREET_LOCALES.items()]
        self.nz = Faker("en_NZ")
        self.us = Faker("en_US")
        self.gb = Faker("en_GB")
        self.de = Faker("de_AT")
        for i, f in enumerate(
            [f for f, _ in self.people]
            + [f for f, _ in self.streets]
            + [self.nz, self.us, self.gb, self.de]
        ):
            f.seed_instance(SEED + i)

    def _pick(self, weighted: list[tuple[Faker, int]]) -> Faker:
        return self.rng.choices([f for f, _ in weighted], [w for _, w in weighted])[0]

    def person(self) -> tuple[str, str]:
        f = self._pick(self.people)
        name = f"{f.first_name()} {f.last_name()}"
        if self.rng.random() < 0.2:
            name = f.first_name()
        return name, name.lower()

    def street_address(self) -> tuple[str, str]:
        rng = self.rng
        f = self._pick(self.streets)
        street = f.street_name()
        locale = str(f.locales[0])
        n = rng.choice([rng.randrange(1, 60), rng.randrange(60, 999), rng.randrange(1000, 9999)])
        if locale.startswith(("de", "da")):
            return f"{street} {n}", f"{street.lower()} {words(n)}"
        letter = rng.choice(["", "", "", "a", "b"])
        unit = rng.choice(["", "", "", " Unit 4", " Apt 12"])
        written = f"{n}{letter.upper()} {street}{unit}"
        said = f"{house_number(n, rng)}{' ' + letter if letter else ''} {street.lower()}"
        if unit:
            kind, num = unit.split()
            said += f" {kind.lower()} {words(int(num))}"
        return written, said

    def postcode(self) -> tuple[str, str]:
        rng = self.rng
        kind = rng.choice(["us", "us", "us4", "uk", "de", "se"])
        if kind.startswith("us"):
            z = self.us.zipcode()
            if kind == "us4":
                z += f"-{rng.randrange(1000, 9999)}"
            said = digit_by_digit(z.replace("-", ""), rng)
            return z, said
        if kind == "uk":
            code = self.gb.postcode()
            said = " ".join(_ONES[int(c)] if c.isdigit() else c.lower() for c in code if c != " ")
            return code, said
        if kind == "de":
            code = f"{rng.randrange(10000, 99999)}"
            return code, digit_by_digit(code, rng)
        code = f"{rng.randrange(100, 999)} {rng.randrange(10, 99)}"
        return code, digit_by_digit(code.replace(" ", ""), rng)

    def location(self) -> tuple[str, str]:
        f = self.rng.choice([self.nz, self.us, self.gb, self.de])
        city = f.city()
        return city, city.lower()

    def organization(self) -> tuple[str, str]:
        rng = self.rng
        base = self.nz.last_name() + " " + rng.choice(["Builders", "Freight", "Dental", "Labs"])
        suffix = rng.choice(["Ltd", "Limited", "Inc", "LLC", "GmbH", "Pty Ltd", "plc", "AS"])
        org = f"{base} {suffix}"
        said = org.lower().replace("llc", "l l c").replace("gmbh", "g m b h")
        return org, said

    def age(self) -> tuple[str, str]:
        n = self.rng.randrange(16, 99)
        return str(n), words(n)

    def date_of_birth(self) -> tuple[str, str]:
        rng = self.rng
        born = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(365 * 70))
        month = _MONTHS[born.month - 1]
        written = rng.choice(
            [
                f"{born.month:02d}/{born.day:02d}/{born.year}",
                f"{born.day} {month} {born.year}",
                f"{month} {born.day}, {born.year}",
                f"{born.day:02d}-{born.month:02d}-{born.year}",
            ]
        )
        said = rng.choice(
            [
                f"{month.lower()} {ordinal(born.day)} {said_year(born.year)}",
                f"the {ordinal(born.day)} of {month.lower()} {said_year(born.year)}",
                " ".join(
                    [
                        digit_by_digit(f"{born.day:02d}", rng),
                        digit_by_digit(f"{born.month:02d}", rng),
                        said_year(born.year),
                    ]
                ),
            ]
        )
        return written, said

    def ip_address(self) -> tuple[str, str]:
        rng = self.rng
        octets = [rng.choice([10, 172, 192, 100, 203]), *(rng.randrange(0, 256) for _ in range(3))]
        sep = rng.choice(["dot", "point"])
        if rng.random() < 0.5:
            said = f" {sep} ".join(digit_by_digit(str(o), rng) for o in octets)
        else:
            said = f" {sep} ".join(words(o) for o in octets)
        return ".".join(map(str, octets)), said

    def iban(self) -> tuple[str, str]:
        rng = self.rng
        country = rng.choice(["DE", "GB", "NL", "IE"])
        bban = {
            "DE": lambda: "".join(rng.choice("0123456789") for _ in range(18)),
            "GB": lambda: (
                rng.choice(["MIDL", "BUKB", "NAIA"])
                + "".join(rng.choice("0123456789") for _ in range(14))
            ),
            "NL": lambda: (
                rng.choice(["ABNA", "RABO", "INGB"])
                + "".join(rng.choice("0123456789") for _ in range(10))
            ),
            "IE": lambda: (
                rng.choice(["AIBK", "BOFI"]) + "".join(rng.choice("0123456789") for _ in range(14))
            ),
        }[country]()
        value = country + iban.calc_check_digits(country + "00" + bban) + bban
        grouped = iban.format(value)
        said = " ".join(
            c.lower() if c.isalpha() else _ONES[int(c)] for c in value if not c.isspace()
        )
        return grouped, said


def render(frame: str, form: str, values: Values) -> tuple[str, list[GoldSpan]]:
    """A frame filled in; spoken: lowercase, no punctuation, values said."""
    text, spans, cursor = "", [], 0
    for match in _SLOT.finditer(frame):
        literal = frame[cursor : match.start()]
        text += _PUNCT.sub("", literal.lower()) if form == "spoken" else literal
        entity = match.group(1)
        written, said = getattr(values, entity.lower())()
        value = said if form == "spoken" else written
        start = len(text)
        text += value
        spans.append(GoldSpan(entity, value, start, len(text)))
        cursor = match.end()
    tail = frame[cursor:]
    text += _PUNCT.sub("", tail.lower()) if form == "spoken" else tail
    return text, spans


def make(seed: int = SEED) -> list[Sample]:
    """The held-out corpus: alternating written and spoken utterances."""
    rng = random.Random(seed)
    values = Values(rng)
    weights = [3 if _SLOT.search(f) else 1 for f in FRAMES]
    samples = []
    for i in range(SAMPLES):
        frame_id = i if i < len(FRAMES) else rng.choices(range(len(FRAMES)), weights)[0]
        form = "written" if i % 2 == 0 else "spoken"
        text, spans = render(FRAMES[frame_id], form, values)
        samples.append(
            Sample(text, tuple(spans), "en", form, {"template_id": f"heldout-en-{frame_id}"})
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
