"""Danish spoken numbers (valued by text2num: "en og tyve", "halvfems"), letters, symbols, dates."""

from __future__ import annotations

from pipeline.redaction.normalize.lexicon import SpokenLexicon

_UNITS = {
    "en": 1,
    "et": 1,
    "én": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
}
_NUMBERS = {
    "nul": 0,
    **_UNITS,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
    "tyve": 20,
    "tredive": 30,
    "fyrre": 40,
    "fyrretyve": 40,
    "halvtreds": 50,
    "halvtredsindstyve": 50,
    "tres": 60,
    "tresindstyve": 60,
    "halvfjerds": 70,
    "halvfjerdsindstyve": 70,
    "firs": 80,
    "firsindstyve": 80,
    "halvfems": 90,
    "halvfemsindstyve": 90,
    "hundrede": 100,
    "tusind": 1000,
    "tusinde": 1000,
}
_UNIT_ORDINALS = {
    "første": 1,
    "anden": 2,
    "andet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "syvende": 7,
    "ottende": 8,
    "niende": 9,
}
# The unit comes first: "enogtyvende" (or "en og tyvende") is the 21st.
_INVERTED_ORDINALS = {
    f"{unit}{joiner}{tens}": unit_value + tens_value
    for unit, unit_value in _UNITS.items()
    for tens, tens_value in {"tyvende": 20, "tredivte": 30}.items()
    for joiner in ("og", " og ")
    if unit_value + tens_value <= 31 and unit != "én"
}

DANISH = SpokenLexicon(
    language="da",
    numbers=_NUMBERS,
    connectors=frozenset({"og"}),
    inverted=True,
    # "en", "et" are also articles.
    weak_words=frozenset({"en", "et"}),
    common_words=frozenset({"en", "et", "i", "å", "de", "se"}),
    evaluator="text2num",
    symbols={
        "snabel-a": "@",
        "snabel a": "@",
        "at": "@",
        "punktum": ".",
        "prik": ".",
        "streg": "-",
        "bindestreg": "-",
        "understreg": "_",
    },
    number_prefixes={"plus": "+"},
    letter_names={
        "be": "b",
        "se": "c",
        "de": "d",
        "æf": "f",
        "ge": "g",
        "hå": "h",
        "jod": "j",
        "kå": "k",
        "æl": "l",
        "æm": "m",
        "æn": "n",
        "pe": "p",
        "ku": "q",
        "ær": "r",
        "æs": "s",
        "te": "t",
        "ve": "v",
        "dobbelt-ve": "w",
        "æks": "x",
        "sæt": "z",
    },
    weak_letters=frozenset({"be", "se", "de", "ge", "te", "ve", "æn", "sæt"}),
    spelling_phrases=(("som", "i"),),
    ordinals={
        **_UNIT_ORDINALS,
        "tiende": 10,
        "ellevte": 11,
        "tolvte": 12,
        "trettende": 13,
        "fjortende": 14,
        "femtende": 15,
        "sekstende": 16,
        "syttende": 17,
        "attende": 18,
        "nittende": 19,
        "tyvende": 20,
        "tredivte": 30,
        **_INVERTED_ORDINALS,
    },
    months=frozenset(
        {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august"}
        | {"september", "oktober", "november", "december"}
    ),
    date_articles=frozenset({"den"}),
)
