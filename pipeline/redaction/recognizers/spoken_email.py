"""E-mail addresses said aloud that the normalizer cannot join: misheard or multi-word parts."""

# "john dot smith at example dot com" is joined by the normalizer and found by the e-mail
# recognizer; "anna witfield at memple dot com" is not (a local part of two words), and a
# recognizer that mishears the domain ("memple") still leaves an address. The whole spoken
# address, from the local part to the top-level domain, is one span.

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

_AT = r"(?:at|@|snabel-?\s?a|alfakrøll|krøllalfa)"
_DOT = r"(?:dot|punktum|punkt|prikk|prick|\.)"
_PART = r"[\w'-]+"
_DOMAIN = rf"{_PART}(?:\s*{_DOT}\s*{_PART})*"
_TLD = r"(?:com|se|no|dk|fi|org|net|nu|co|uk|io|de|eu|info|biz|me)"
_CUE = (
    r"(?:e-?mail|e-?post|mejl|mail)(?:\s*-?\s*(?:address|adress|adresse)n?)?"
    r"(?:en|et)?(?:\s+(?:is|är|er|it's|it\s+is))?\s*:?\s+"
)
# After a cue: up to four words, "at", a domain with at least one dot.
CUED_REGEX = (
    rf"(?i)\b{_CUE}(?P<value>{_PART}(?:\s+{_PART}){{0,3}}?\s+{_AT}\s+{_PART}"
    rf"(?:\s*{_DOT}\s*{_PART})+)"
)
# Without a cue: "<word> at <domain> dot <tld>", the top-level domain from a short list.
UNCUED_REGEX = (
    rf"(?i)(?<![\w.])(?P<value>{_PART}(?:\s+{_DOT}\s+{_PART})*\s+{_AT}\s+{_DOMAIN}"
    rf"\s*{_DOT}\s*{_TLD})(?![\w])"
)


def spoken_email_recognizer() -> PatternRecognizer:
    """Spoken e-mail addresses, whole, after an e-mail cue or ending in a known domain."""
    return PatternRecognizer(
        name="spoken_email",
        entity_type=EntityType.EMAIL,
        patterns=(
            Pattern("cued_spoken_email", CUED_REGEX, 0.6),
            Pattern("spoken_email", UNCUED_REGEX, 0.5),
        ),
        runs_on_normalized=False,
    )
