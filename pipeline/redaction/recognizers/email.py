"""E-mail addresses; spoken ones ("john dot smith at example dot com") arrive normalized."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

EMAIL_REGEX = (
    r"(?i)(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![\w-])"
)


def email_recognizer() -> PatternRecognizer:
    """E-mail addresses written out in full."""
    return PatternRecognizer(
        name="email",
        entity_type=EntityType.EMAIL,
        patterns=(Pattern("email", EMAIL_REGEX, 0.95),),
        context=("email", "e-mail", "mejl", "mail", "e-post", "epost", "adress", "address"),
    )
