"""The safety net: any run of six or more digits that nothing else claimed becomes NUMBER."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

NUMBER_SCORE = 0.3


def number_recognizer() -> PatternRecognizer:
    """Digit runs of 6+ digits (spaces or dashes between them allowed), also inside codes."""
    return PatternRecognizer(
        name="number",
        entity_type=EntityType.NUMBER,
        patterns=(Pattern("digit_run", r"(?<!\d)\d(?:[ -]?\d){5,}(?!\d)", NUMBER_SCORE),),
    )
