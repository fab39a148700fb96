"""Street addresses: Nordic street names ("Storgatan", "Karl Johans gate", "Hämeenkatu") or
English ones ("221B Baker Street"), with house number, entrance and flat ("12B", "lgh 1102")."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

ADDRESS_CONTEXT: tuple[str, ...] = (
    "address",
    "live at",
    "live on",
    "lives at",
    "street",
    "adress",
    "adressen",
    "bor på",
    "bor i",
    "bor vid",
    "hemadress",
    "gatuadress",
    "postadress",
    "leveransadress",
    "adresse",
    "adressa",
    "bur i",
    "bor på adressen",
    "osoite",
    "osoitteeni",
    "asun",
)

# Street-type endings that are safe in any case when a house number follows ("storgatan 12").
_SUFFIX_ANY_CASE = (
    "gatan|gata|gate|gaten|vägen|vegen|veien|vejen|vej|gade|gränd|gränden|torget|stigen|"
    "backen|allén|alléen|stræde|strædet|katu|kuja|platsen|plassen|esplanaden|promenaden"
)
# Endings that are also ordinary word endings ("called 3", "plan 2"): capitalised words only.
_SUFFIX_CAPITALISED = (
    "väg|veg|vei|leden|led|plan|plats|plass|plads|torg|torv|stig|sti|backe|bakken|tie|tori|"
    "polku|raitti|väylä|alle|allé|kaj|kajen|ringen|vænge|vænget|kaari|rinne|ranta"
)
# Street-type words written apart: "Karl Johans gate 5", "Drottning Kristinas väg 5".
_STREET_WORD = (
    "gate|gata|gatan|vei|veien|veg|vegen|vej|gade|väg|vägen|allé|alle|plass|plads|torg|torget|"
    "stræde|boulevard|plan|kaj|tie|katu"
)
_ENGLISH_STREET = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Boulevard|Blvd|Court|Ct|Place|Close|"
    "Terrace|Crescent|Square|Gardens|Grove|Hill|Row|Walk|Mews|Parade"
)

_CAP = r"[A-ZÅÄÖÆØÜ][\w'’.-]*"
_LEADING_NAMES = rf"(?:{_CAP}\s+){{0,3}}"
# House number, optional range, entrance letter and Finnish flat number ("10 B 23").
_HOUSE_NUMBER = r"\d{1,4}(?:-\d{1,4})?(?:[ -]?(?![iI]\b)[A-Za-z](?!\w)(?:\s\d{1,3}(?!\d))?)?"
# Flat, floor and side: "lgh 1102", "leilighet H0102", "3. th", "st. tv", "apt 4B".
_FLAT = (
    r"(?:,?\s*(?i:lgh|lägenhet|lägenhetsnummer|leilighet|bolignummer|apt|apartment|flat|unit|"
    r"as|asunto|uppgång|opgang|våning|vån|etasje|etage)\.?\s*[A-Za-z]?\d{1,4}[A-Za-z]?(?!\w)"
    r"|,?\s*(?:\d{1,2}\.?|st\.?|kl\.?)\s*(?i:th|tv|mf|sal)\b\.?)"
)
_NUMBER_AND_FLAT = rf"\s+{_HOUSE_NUMBER}{_FLAT}*"

# Number words as speech recognition writes house numbers: "twelve", "one hundred and four",
# "etthundrafyra", "trettiåtte", "en hundrede og sytten" (each word made of these pieces).
_ENGLISH_NUMBER_PIECES = (
    "zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred"
)
_NUMBER_PIECES = (
    f"{_ENGLISH_NUMBER_PIECES}|"
    "noll|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|"
    "sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|hundra|"
    "to|fire|seks|åtte|ni|ti|elleve|tretten|fjorten|femten|seksten|sytten|atten|nitten|tjue|"
    "tretti|førti|femti|seksti|sytti|åtti|nitti|hundre|hundrede|og|"
    "syv|otte|tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems"
)
_NUMBER_WORD = rf"(?:{_NUMBER_PIECES})+(?![\w-])"
_SPOKEN_NUMBER = rf"{_NUMBER_WORD}(?:[\s-]+(?:og\s+)?{_NUMBER_WORD}){{0,4}}"
_ENGLISH_NUMBER_WORD = rf"(?:{_ENGLISH_NUMBER_PIECES})(?![\w-])"
_ENGLISH_SPOKEN_NUMBER = (
    rf"{_ENGLISH_NUMBER_WORD}(?:[\s-]+(?:and\s+)?{_ENGLISH_NUMBER_WORD}){{0,4}}"
)
# Words that are not part of a street name ("four times about the same street").
_NOT_NAME = (
    r"(?!(?:the|a|an|of|about|on|in|at|to|for|from|my|your|our|and|or|is|was|times|time|"
    r"minutes|weeks|days|years|hours|same|this|that|i|på|och|jag|bor|till|vi|er|jeg|og|til|"
    r"har|det|den|en|ett)\b)"
)
_LOWER_NAME = rf"{_NOT_NAME}[a-zåäöæøü][\w'’-]*"
# "södra förstadsgatan", "lilla nygatan": a lowercase direction or size word before the name.
_LEADING_LOWER = (
    r"(?:(?i:södra|norra|östra|västra|lilla|stora|gamla|nya|övre|nedre|nørre|søndre|store|"
    r"lille|gamle|gamla|vester|øster|nedre|øvre)\s+)?"
)
# An entrance letter said after the number ("nio a", "tre b"), never "i" (a preposition).
_SPOKEN_LETTER = r"(?:\s+(?i:[a-hj-z])(?![\w-]))?"
_ENGLISH_STREET_WORDS = (
    "street|road|avenue|lane|drive|terrace|crescent|gardens|grove|close|mews|parade|"
    "boulevard|court|place|square|way|hill|row|walk"
)

ADDRESS_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "nordic_glued",
        rf"(?<![\w-]){_LEADING_LOWER}{_LEADING_NAMES}[A-Za-zÅÄÖÆØÜåäöæøü][\w-]+?(?i:{_SUFFIX_ANY_CASE})"
        rf"{_NUMBER_AND_FLAT}",
        0.8,
    ),
    Pattern(
        "nordic_glued_capitalised",
        rf"(?<![\w-]){_LEADING_NAMES}[A-ZÅÄÖÆØÜ][\w-]+?(?:{_SUFFIX_CAPITALISED}){_NUMBER_AND_FLAT}",
        0.7,
    ),
    Pattern(
        "nordic_apart",
        rf"(?<![\w-])(?:{_CAP}\s+){{1,3}}(?i:{_STREET_WORD}){_NUMBER_AND_FLAT}",
        0.75,
    ),
    Pattern(
        "english",
        rf"(?<![\w-])\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,3}}(?:{_ENGLISH_STREET})\b\.?"
        rf"{_FLAT}*",
        0.75,
    ),
    # Lower-case ASR output: "i live at 221b baker street".
    Pattern(
        "english_any_case",
        r"(?i)(?<![\w-])\d{1,5}[a-z]?,?\s+(?:[a-z][\w'-]*\s+){1,3}"
        rf"(?:{_ENGLISH_STREET.lower()})\b",
        0.7,
        needs_context=True,
    ),
    # Spoken English: "twelve baker street", "one hundred and eleven rosebank close".
    Pattern(
        "english_spoken",
        rf"(?i)(?<![\w-]){_ENGLISH_SPOKEN_NUMBER}\s+(?:{_LOWER_NAME}\s+){{1,3}}"
        rf"(?:{_ENGLISH_STREET_WORDS})\b",
        0.7,
    ),
    # Spoken Nordic: "storgatan tolv", "södra förstadsgatan etthundrafyra", "vasagatan nio a".
    Pattern(
        "nordic_glued_spoken",
        rf"(?<![\w-]){_LEADING_LOWER}{_LEADING_NAMES}[A-Za-zÅÄÖÆØÜåäöæøü][\w-]+?"
        rf"(?i:{_SUFFIX_ANY_CASE})\s+{_SPOKEN_NUMBER}{_SPOKEN_LETTER}",
        0.7,
    ),
    # Lowercase and apart: "thorvald meyers gate tolv", "bjerregaards gate 38 a".
    Pattern(
        "nordic_apart_lower",
        rf"(?<![\w-])(?:{_LOWER_NAME}\s+){{1,3}}(?:{_STREET_WORD})\s+"
        rf"(?:{_SPOKEN_NUMBER}|{_HOUSE_NUMBER}){_SPOKEN_LETTER}",
        0.7,
    ),
    # A one-word street name lowercase or without a suffix after moving words:
    # "flyttet til Nyhavn 101A", "flyttat till nyhavn en hundrede og sytten".
    Pattern(
        "street_after_moving_words",
        r"(?i:bor på|bor i|bor på adressen|flyttat till|flyttet til|flyttet til|flyttede til|"
        r"er flyttet til|moved to|live at|lives at)\s+"
        rf"(?P<value>{_LEADING_LOWER}[A-Za-zÅÄÖÆØÜåäöæøü][\w'-]+"
        rf"(?:\s+(?:{_SPOKEN_NUMBER}|\d{{1,4}}[A-Za-z]?)){_SPOKEN_LETTER})(?![\w-])",
        0.6,
    ),
    # A street name without a number, right after "bor på" / "I live on".
    Pattern(
        "street_after_living_words",
        r"(?i:bor på|bor i|bor vid|live on|live at|lives on|lives at|adressen är|address is)\s+"
        rf"(?P<value>{_LEADING_NAMES}[A-Za-zÅÄÖÆØÜåäöæøü][\w-]+?(?i:{_SUFFIX_ANY_CASE}))"
        r"(?![\w-])",
        0.6,
    ),
)


def address_recognizer() -> PatternRecognizer:
    """Street addresses with a house number, and street names said after "I live on"."""
    return PatternRecognizer(
        name="street_address",
        entity_type=EntityType.STREET_ADDRESS,
        patterns=ADDRESS_PATTERNS,
        context=ADDRESS_CONTEXT,
    )
