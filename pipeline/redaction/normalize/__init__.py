"""Spoken-form normalization (numbers, letters, symbols, dates) with an exact offset map."""

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.normalizer import (
    LEXICONS,
    SpokenFormNormalizer,
    lexicon_language,
    normalize_spoken,
)
from pipeline.redaction.normalize.offsets import NormalizedText

__all__ = [
    "LEXICONS",
    "NormalizedText",
    "SpokenFormNormalizer",
    "SpokenLexicon",
    "lexicon_language",
    "normalize_spoken",
]
