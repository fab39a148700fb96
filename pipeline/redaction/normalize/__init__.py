"""Spoken-form normalization (digits, letters, symbols) with an exact offset map, per language."""

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.normalizer import (
    LEXICONS,
    SpokenFormNormalizer,
    normalize_spoken,
)
from pipeline.redaction.normalize.offsets import NormalizedText

__all__ = [
    "LEXICONS",
    "NormalizedText",
    "SpokenFormNormalizer",
    "SpokenLexicon",
    "normalize_spoken",
]
