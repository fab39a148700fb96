"""Vehicle registration plates: Swedish "ABC 123"/"ABC 12D", Norwegian "AB 12345", Danish
"AB 12 345", Finnish "ABC-123"."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

PLATE_CONTEXT: tuple[str, ...] = (
    # English
    "registration",
    "registered",
    "reg number",
    "number plate",
    "license plate",
    "licence plate",
    "plate",
    "car$",
    "cars$",
    "vehicle",
    # Swedish
    "registreringsnummer",
    "registreringsnumret",
    "regnummer",
    "regnumret",
    "reg nr",
    "regnr",
    "nummerplåt",
    "nummerplåten",
    "registreringsskylt",
    "bilen",
    "bilnummer",
    "bil$",
    "fordon",
    "fordonet",
    # Norwegian
    "kjennemerke",
    "kjennetegn",
    "skilt",
    "bilskilt",
    "registreringsnummeret",
    # Danish
    "nummerplade",
    "nummerpladen",
    # Finnish
    "rekisterinumero",
    "rekisterikilpi",
    "rekkari",
    "auto$",
    "auton",
)

# Swedish plates leave out I, Q, V, Å, Ä, Ö and end in a digit or a letter other than O.
_SE_LETTERS = "A-HJ-PR-UW-Z"
_SE_LAST = "A-HJ-NPR-UW-Z"
# Short words that stand before a number and are no plate's letters.
_SHORT_WORDS = "|".join(
    (
        *("is", "was", "its", "it", "as", "at", "on", "in", "to", "of", "and", "the", "nr", "no"),
        *("er", "är", "ar", "var", "har", "en", "ett", "et", "och", "og", "om", "på", "av", "for"),
        *("för", "til", "til", "med", "mit", "min", "mi", "ca", "kr", "nok", "sek", "dkk", "eur"),
        *("usd", "gbp", "km", "kg", "tel", "nu", "så", "då", "se", "du", "jeg", "jag", "vi"),
        *("ni", "de", "den", "det", "har", "hos", "fra", "från", "now", "our", "my", "his"),
        *("her", "one", "two", "ett", "två", "tre", "fem", "sex", "sju", "ni", "tio", "bil"),
    )
)
PLATE_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "se",
        rf"(?<![\w-])[{_SE_LETTERS}]{{3}} ?\d{{2}}[{_SE_LAST}\d](?![\w-])",
        0.55,
    ),
    Pattern("dk", r"(?<![\w-])[A-Z]{2} ?\d{2} \d{3}(?![\w-])", 0.55),
    Pattern("no", r"(?<![\w-])[A-Z]{2} ?\d{5}(?![\w-])", 0.5),
    Pattern("fi", r"(?<![\w-])[A-ZÅÄÖ]{2,3}-\d{1,3}(?![\w-])", 0.55),
    # Spoken plates arrive normalized and lower case ("a b c ett två tre" -> "abc123"), and
    # ASR may write any case: these count only near a plate word. Letters and digits must be
    # joined: "is 4111" or "nr 123" is no plate.
    Pattern(
        "any_case",
        r"(?i)(?<![\w-])[a-zåäö]{2,3}-?\d(?: ?\d){1,4}[a-z]?(?![\w-])",
        0.8,
        needs_context=True,
    ),
    # ASR may put a space between the letters and digits ("tpy 13n", "zr 80 475"): then the
    # letters must be no short word ("is 4111", "nr 123", "på 12").
    Pattern(
        "any_case_spaced",
        rf"(?i)(?<![\w-])(?!(?:{_SHORT_WORDS}) )[a-zåäö]{{2,3}} \d(?: ?\d){{1,4}}[a-z]?(?![\w-])",
        0.8,
        needs_context=True,
    ),
    # British plates: "AT60 LAP"; spoken ones arrive as "ar67zjl".
    Pattern("gb", r"(?<![\w-])[A-Z]{2}\d{2} ?[A-Z]{3}(?![\w-])", 0.55),
    Pattern(
        "gb_any_case",
        r"(?i)(?<![\w-])[a-z]{2}\d{2} ?[a-z]{3}(?![\w-])",
        0.8,
        needs_context=True,
    ),
)


def plate_recognizer() -> PatternRecognizer:
    """Nordic registration plates; upper-case shapes score alone, any case near a plate word."""
    return PatternRecognizer(
        name="vehicle_plate",
        entity_type=EntityType.VEHICLE_PLATE,
        patterns=PLATE_PATTERNS,
        context=PLATE_CONTEXT,
    )
