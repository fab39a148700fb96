"""Redaction of personal data in transcript text: recognizers, normalizers, operators."""

from pipeline.redaction.engine import Analyzer
from pipeline.redaction.entities import EntityType
from pipeline.redaction.ner import NerModel
from pipeline.redaction.operators import RedactionPolicy, redact_text, tag
from pipeline.redaction.span import Span

__all__ = ["Analyzer", "EntityType", "NerModel", "RedactionPolicy", "Span", "redact_text", "tag"]
