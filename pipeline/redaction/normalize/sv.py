"""Swedish spoken digits and symbols."""

from __future__ import annotations

from pipeline.redaction.normalize.lexicon import SpokenLexicon

SWEDISH = SpokenLexicon(
    language="sv",
    digits={
        "noll": "0",
        "ett": "1",
        "en": "1",
        "två": "2",
        "tre": "3",
        "fyra": "4",
        "fem": "5",
        "sex": "6",
        "sju": "7",
        "åtta": "8",
        "nio": "9",
    },
    # "en" and "ett" are also the indefinite articles.
    weak_digits=frozenset({"en", "ett"}),
    symbols={
        "snabel-a": "@",
        "snabel a": "@",
        "snabela": "@",
        "at": "@",
        "punkt": ".",
        "prick": ".",
        "streck": "-",
        "bindestreck": "-",
        "understreck": "_",
    },
    number_prefixes={"plus": "+"},
)
