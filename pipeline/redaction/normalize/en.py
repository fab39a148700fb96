"""English spoken digits and symbols."""

from __future__ import annotations

from pipeline.redaction.normalize.lexicon import SpokenLexicon

ENGLISH = SpokenLexicon(
    language="en",
    digits={
        "zero": "0",
        "oh": "0",
        "one": "1",
        "two": "2",
        "three": "3",
        "four": "4",
        "five": "5",
        "six": "6",
        "seven": "7",
        "eight": "8",
        "nine": "9",
    },
    weak_digits=frozenset({"oh"}),
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
)
