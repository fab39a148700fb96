"""Ages said about a person: "I am 42 years old", "jag är 42 år", "olen 42-vuotias", "age 42"."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer
from pipeline.redaction.recognizers.words import SPOKEN_NUMBER

AGE_CONTEXT: tuple[str, ...] = (
    "age",
    "aged",
    "years old",
    "year old",
    "ålder",
    "åldern",
    "år gammal",
    "år gamla",
    "alder",
    "alderen",
    "år gammel",
    "år gamle",
    "ikä",
    "ikäni",
    "vuotias",
)

_NUMBER = rf"(?:1[01]\d|\d{{1,2}}|{SPOKEN_NUMBER})"
# Said about oneself or someone: "I am", "jag är", "han er", "olen", "hän on".
_IS = (
    r"i am|i'm|im|he is|he's|she is|she's|they are|"
    r"jag är|han är|hon är|hen är|jeg er|han er|hun er|hen er|olen|hän on"
)
# Units that make "I'm 5 minutes late" not an age.
_NOT_AN_AGE = (
    r"\s*(?:%|minut|min\b|sekund|second|hour|timm|timer|time|dag|day|week|vecka|veck|uke|uge|"
    r"month|månad|måned|kr|kronor|kroner|euro|dollar|pound|meter|km|kilo|kg|cm|procent|"
    r"prosent|percent|st\b|stycken|gånger|times|behind|late|sen|away|ahead|in\b|on\b|of\b)"
)

# Units after a spoken number that make it no age ("my son is nine minutes away").
_UNIT_WORDS = (
    r"minutes?|hours?|days?|weeks?|months?|times|percent|pounds|dollars|euros|kronor|kroner|"
    r"miles|kilometers|o'clock|o clock|am|pm|in\b|on\b|of\b|away|late|behind"
)
# The same without "in"/"on": "he turned 60 in May" is an age.
_UNIT_WORDS_NO_PLACE = (
    r"%|minutes?|hours?|days?|weeks?|months?|times|percent|pounds|dollars|euros|kronor|kroner|"
    r"kr\b|miles|kilometers|o'clock|o clock|am\b|pm\b|p\.m|a\.m|away|late|behind|:\d"
)

# Someone close said to be a number: "my mum is 52", "mamma är 81 år", "moren min er 80 år".
_RELATIVE = (
    r"mum|mom|mother|father|dad|husband|wife|son|daughter|partner|grandmother|grandma|nan|"
    r"grandfather|grandpa|granddad|brother|sister|boy|girl|"
    r"mamma|pappa|mor|far|farmor|mormor|farfar|morfar|man|fru|sambo|son|dotter|sonen|dottern|"
    r"bror|syster|moren|faren|mora|kona|mannen|sønnen|datteren|søster|kone|barnet|"
    r"mamma min|moren min|faren min|mora mi|kona mi|mannen min|min mor|min far"
)

AGE_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "relative_is",
        rf"(?i)(?<!\w)(?:{_RELATIVE})\s+(?:\w+\s+)?(?:is|är|er|blir|turned|turns)\s+"
        rf"(?P<value>1[01]\d|\d{{1,2}})(?:\s+(?:år|years?))?(?!\w)(?!{_NOT_AN_AGE})",
        0.7,
    ),
    # "... är 42 år", "... er 80 år": a number of years someone is (not "for 5 years ago").
    Pattern(
        "is_years",
        r"(?i)(?<!\w)(?:är|er)\s+(?P<value>1[01]\d|\d{1,2})\s+år(?!\w)"
        r"(?!\s+(?:sedan|siden|sen|till|tilbage|tillbaka))",
        0.6,
    ),
    # "42 years old", "42-year-old", "42 år gammal", "42 år gammel", "42-vuotias"
    Pattern(
        "with_old",
        rf"(?i)(?<![\w-])(?P<value>{_NUMBER})(?:[ -]years?[ -]old|[ -]yrs?[ -]old|"
        r" år gam(?:mal|la|mel|le)|[ -]?vuotias)(?!\w)",
        0.85,
    ),
    # "I am 42", "jag är 42 år", "jeg er 42 år"
    Pattern(
        "after_is",
        rf"(?i)(?<!\w)(?:{_IS})\s+(?P<value>1[01]\d|\d{{1,2}})(?:\s+(?:år|years?|vuotta))?"
        rf"(?!\w)(?!{_NOT_AN_AGE})",
        0.6,
    ),
    # Spoken: "jag är fyrtiotvå år", "I am forty two years" (a bare "jag är en" is no age)
    Pattern(
        "spoken_after_is",
        rf"(?i)(?<!\w)(?:{_IS})\s+(?P<value>{SPOKEN_NUMBER})\s+(?:år|years|vuotta)(?!\w)",
        0.6,
    ),
    # Birthdays said as a change: "he turned sixty", "I'll be 43 in May", "she's turning 90".
    Pattern(
        "turned",
        rf"(?i)(?<!\w)(?:turned|turns|turning|will be|'ll be|is going to be|fyllde|fyller|"
        rf"fylte|fylder|fyldte)\s+(?P<value>{_NUMBER})(?!\w)(?!\s*(?:{_UNIT_WORDS_NO_PLACE}))",
        0.6,
    ),
    # "at the age of 33", "aged seven and nine"
    Pattern(
        "age_of",
        rf"(?i)(?<!\w)(?:at the age of|the age of|age of)\s+(?P<value>{_NUMBER})(?!\w)",
        0.75,
    ),
    # Someone close said to be a spoken number: "my son is nine", "my dad is ninety one".
    Pattern(
        "relative_is_spoken",
        rf"(?i)(?<!\w)(?:my|min|mitt|mi)\s+(?:{_RELATIVE})\s+(?:is|är|er)\s+"
        rf"(?P<value>{SPOKEN_NUMBER})(?!\s+(?:{_UNIT_WORDS}))",
        0.6,
    ),
    # "age 42", "ålder: 42", "alder 42", "ikä 42"
    Pattern(
        "after_age_word",
        rf"(?i)(?<!\w)(?:age|aged|ålder|alder|ikä)\s*(?:is|är|er|on)?[:\s]\s*(?P<value>{_NUMBER})"
        r"(?!\w)",
        0.75,
    ),
)


def age_recognizer() -> PatternRecognizer:
    """A person's age, when the words around the number say it is one."""
    return PatternRecognizer(
        name="age",
        entity_type=EntityType.AGE,
        patterns=AGE_PATTERNS,
        context=AGE_CONTEXT,
    )
