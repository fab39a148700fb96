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
_HOUSE_NUMBER = r"\d{1,4}(?:-\d{1,4})?(?:[ -]?[A-Za-z](?!\w)(?:\s\d{1,3}(?!\d))?)?"
# Flat, floor and side: "lgh 1102", "leilighet H0102", "3. th", "st. tv", "apt 4B".
_FLAT = (
    r"(?:,?\s*(?i:lgh|lägenhet|lägenhetsnummer|leilighet|bolignummer|apt|apartment|flat|unit|"
    r"as|asunto|uppgång|opgang|våning|vån|etasje|etage)\.?\s*[A-Za-z]?\d{1,4}[A-Za-z]?(?!\w)"
    r"|,?\s*(?:\d{1,2}\.?|st\.?|kl\.?)\s*(?i:th|tv|mf|sal)\b\.?)"
)
_NUMBER_AND_FLAT = rf"\s+{_HOUSE_NUMBER}{_FLAT}*"

ADDRESS_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "nordic_glued",
        rf"(?<![\w-]){_LEADING_NAMES}[A-Za-zÅÄÖÆØÜåäöæøü][\w-]+?(?i:{_SUFFIX_ANY_CASE})"
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
