"""Names introduced by a phrase ("my name is", "jag heter"): a net under NER for any language."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

_INTRODUCTIONS = (
    r"my name is|my name's|name is|i'm called|i am called|this is|speaking with|"
    r"jag heter|mitt namn är|heter|mitt namn|det är"
)
_NAME = r"[A-ZÅÄÖÆØÜ][\w'’-]+"

INTRODUCED_NAME = Pattern(
    "introduced_name",
    rf"(?<!\w)(?i:{_INTRODUCTIONS})\s+(?P<value>{_NAME}(?:\s+{_NAME}){{0,2}})",
    0.6,
)


def introduced_name_recognizer() -> PatternRecognizer:
    """Capitalised words right after a self-introduction phrase."""
    return PatternRecognizer(
        name="introduced_name",
        entity_type=EntityType.PERSON,
        patterns=(INTRODUCED_NAME,),
    )
