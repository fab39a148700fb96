"""English spoken numbers (valued by text2num), letters, symbols and dates."""

from __future__ import annotations

from pipeline.redaction.normalize.lexicon import SpokenLexicon, compound_ordinals

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ORDINALS = {
    **_UNIT_ORDINALS,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    **compound_ordinals({"twenty": 20, "thirty": 30}, _UNIT_ORDINALS),
}
# The NATO alphabet; those that are also everyday words or names are weak.
_NATO = {
    "alpha": "a",
    "alfa": "a",
    "bravo": "b",
    "charlie": "c",
    "delta": "d",
    "echo": "e",
    "foxtrot": "f",
    "golf": "g",
    "hotel": "h",
    "india": "i",
    "juliett": "j",
    "juliet": "j",
    "kilo": "k",
    "lima": "l",
    "mike": "m",
    "november": "n",
    "oscar": "o",
    "papa": "p",
    "quebec": "q",
    "romeo": "r",
    "sierra": "s",
    "tango": "t",
    "uniform": "u",
    "victor": "v",
    "whiskey": "w",
    "whisky": "w",
    "x-ray": "x",
    "xray": "x",
    "yankee": "y",
    "zulu": "z",
}
_STRONG_NATO = {"alpha", "alfa", "bravo", "foxtrot", "juliett", "quebec", "x-ray", "xray", "zulu"}

ENGLISH = SpokenLexicon(
    language="en",
    numbers={**_UNITS, **_TEENS, **_TENS, "hundred": 100, "thousand": 1000},
    connectors=frozenset({"and"}),
    scale_articles=frozenset({"a"}),
    spoken_zeros=frozenset({"oh", "o"}),
    weak_words=frozenset({"oh", "o"}),
    common_words=frozenset({"to", "fire", "sex", "null", "i", "a", "o", "de", "se"}),
    evaluator="text2num",
    repeaters={"double": 2, "triple": 3},
    symbols={
        "at": "@",
        "at sign": "@",
        "dot": ".",
        "point": ".",
        "period": ".",
        "dash": "-",
        "hyphen": "-",
        "underscore": "_",
        "under score": "_",
    },
    number_prefixes={"plus": "+"},
    letter_names=_NATO,
    weak_letters=frozenset(_NATO) - _STRONG_NATO,
    spelling_phrases=(("as", "in"), ("like", "in")),
    ordinals=_ORDINALS,
    months=frozenset(
        {"january", "february", "march", "april", "may", "june", "july", "august"}
        | {"september", "october", "november", "december"}
    ),
    ambiguous_months=frozenset({"may", "march"}),
    date_articles=frozenset({"the"}),
    date_links=frozenset({"of"}),
)
