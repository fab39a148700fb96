"""How numbers, letters and symbols are said in English, Swedish, Norwegian and Danish."""

from __future__ import annotations

import random

LANGUAGES = ("en", "sv", "no", "da")

DIGITS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "sv": ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"],
    "no": ["null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"],
    "da": ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"],
}
TEENS = {
    "en": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "sv": "tio elva tolv tretton fjorton femton sexton sjutton arton nitton",
    "no": "ti elleve tolv tretten fjorten femten seksten sytten atten nitten",
    "da": "ti elleve tolv tretten fjorten femten seksten sytten atten nitten",
}
TENS = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "sv": "tjugo trettio fyrtio femtio sextio sjuttio åttio nittio",
    "no": "tjue tretti førti femti seksti sytti åtti nitti",
    "da": "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems",
}
HUNDRED = {"en": "hundred", "sv": "hundra", "no": "hundre", "da": "hundrede"}
THOUSAND = {"en": "thousand", "sv": "tusen", "no": "tusen", "da": "tusind"}
SYMBOLS = {
    "en": {".": "dot", "@": "at", "-": "dash", "+": "plus", "_": "underscore"},
    "sv": {".": "punkt", "@": "snabel-a", "-": "streck", "+": "plus", "_": "understreck"},
    "no": {".": "punktum", "@": "krøllalfa", "-": "bindestrek", "+": "pluss", "_": "understrek"},
    "da": {".": "punktum", "@": "snabel-a", "-": "bindestreg", "+": "plus", "_": "understreg"},
}
MONTHS = {
    "en": "january february march april may june july august september october november december",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "no": "januar februar mars april mai juni juli august september oktober november desember",
    "da": "januar februar marts april maj juni juli august september oktober november december",
}
_ORDINALS_1_20 = {
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth",
    "sv": "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte "
    "trettonde fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde",
    "no": "første andre tredje fjerde femte sjette sjuende åttende niende tiende ellevte tolvte "
    "trettende fjortende femtende sekstende syttende attende nittende tjuende",
    "da": "første anden tredje fjerde femte sjette syvende ottende niende tiende ellevte tolvte "
    "trettende fjortende femtende sekstende syttende attende nittende tyvende",
}
_THIRTIETH = {"en": "thirtieth", "sv": "trettionde", "no": "trettiende", "da": "tredivte"}


def cardinal(n: int, lang: str) -> str:
    """`n` (0..9999) in words as a speaker of `lang` says it (and Whisper writes it)."""
    if n < 10:
        return DIGITS[lang][n]
    if n < 20:
        return TEENS[lang].split()[n - 10]
    if n < 100:
        tens, unit = TENS[lang].split()[n // 10 - 2], n % 10
        if not unit:
            return tens
        if lang == "en":
            return f"{tens} {DIGITS[lang][unit]}"
        if lang == "da":
            return f"{DIGITS[lang][unit]}og{tens}"
        return tens + DIGITS[lang][unit]
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{DIGITS[lang][hundreds]} {HUNDRED[lang]}"
        if lang == "sv":
            head = ("ett" if hundreds == 1 else DIGITS[lang][hundreds]) + HUNDRED[lang]
            return head + (cardinal(rest, lang) if rest else "")
        joiner = {"en": " and ", "no": "og", "da": " og "}[lang]
        return head + (joiner + cardinal(rest, lang) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = f"{cardinal(thousands, lang)} {THOUSAND[lang]}"
    return head + (" " + cardinal(rest, lang) if rest else "")


def year(y: int, lang: str, rng: random.Random) -> str:
    """A year said the usual ways: "nineteen eighty five", "nittonhundraåttiofem"."""
    century, rest = divmod(y, 100)
    if century == 20:
        return cardinal(y, lang) if rest or lang != "en" else "two thousand"
    if lang == "en":
        tail = cardinal(rest, lang) if rest >= 10 else f"oh {DIGITS['en'][rest]}"
        return f"{cardinal(century, lang)} {tail}"
    if lang == "sv" and rng.random() < 0.5:
        return cardinal(century, lang) + "hundra" + cardinal(rest, lang)
    return f"{cardinal(century, lang)} {cardinal(rest, lang)}"


def ordinal(n: int, lang: str) -> str:
    """The day of a month (1..31) as an ordinal word."""
    base = _ORDINALS_1_20[lang].split()
    if n <= 20:
        return base[n - 1]
    if n == 30:
        return _THIRTIETH[lang]
    unit = n % 10
    tens = n // 10
    if lang == "en":
        return f"{TENS['en'].split()[tens - 2]} {base[unit - 1]}"
    if lang == "da":
        return f"{DIGITS['da'][unit]}og" + ("tyvende" if tens == 2 else "tredivte")
    return TENS[lang].split()[tens - 2] + base[unit - 1]


def month(m: int, lang: str) -> str:
    """The name of month `m` (1..12), lowercase."""
    return MONTHS[lang].split()[m - 1]


def digit_words(digits: str, lang: str, rng: random.Random) -> str:
    """Each digit said on its own; in English a zero is often "oh"."""
    words = DIGITS[lang]
    zero = "oh" if lang == "en" and rng.random() < 0.5 else words[0]
    return " ".join(zero if d == "0" else words[int(d)] for d in digits)


def pair_words(digits: str, lang: str, rng: random.Random) -> str:
    """Digits said two at a time ("åttiofem noll tre"); a leading zero is said alone."""
    chunks = [digits[i : i + 2] for i in range(0, len(digits), 2)]
    return " ".join(
        digit_words(c, lang, rng) if c.startswith("0") or len(c) == 1 else cardinal(int(c), lang)
        for c in chunks
    )


def spell(text: str, lang: str, rng: random.Random, symbols: bool = True) -> str:
    """A code said character by character: letters as letters, digits and symbols as words."""
    out = []
    for char in text:
        if char.isdigit():
            out.append(digit_words(char, lang, rng))
        elif char.isalpha():
            out.append(char.lower())
        elif symbols and char in SYMBOLS[lang]:
            out.append(SYMBOLS[lang][char])
    return " ".join(out)


def say_number_groups(groups: list[str], lang: str, rng: random.Random) -> str:
    """Digit groups as a caller reads them: each group digit by digit or in pairs."""
    said = []
    for group in groups:
        if not group.isdigit():
            said.append(spell(group, lang, rng))
        elif len(group) % 2 == 0 and not group.startswith("0") and rng.random() < 0.5:
            said.append(pair_words(group, lang, rng))
        else:
            said.append(digit_words(group, lang, rng))
    separator = rng.choice([" ", " ", ", "])
    return separator.join(said)
