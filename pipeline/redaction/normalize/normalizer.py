"""SpokenFormNormalizer: spoken digits, letters and symbols to canonical text, offsets kept."""

from __future__ import annotations

from functools import lru_cache

from pipeline.redaction.normalize.addresses import find_addresses
from pipeline.redaction.normalize.en import ENGLISH
from pipeline.redaction.normalize.lexicon import SpokenLexicon, combine
from pipeline.redaction.normalize.numbers import read_number
from pipeline.redaction.normalize.offsets import NormalizedText, OffsetMapBuilder
from pipeline.redaction.normalize.sv import SWEDISH
from pipeline.redaction.normalize.tokens import tokenize
from pipeline.redaction.normalize.units import (
    Unit,
    merge_codes,
    read_letters,
    read_symbol,
    word_unit,
)

LEXICONS: dict[str, SpokenLexicon] = {"en": ENGLISH, "sv": SWEDISH}
# Callers mix in English words ("dot com", "at"); the English lexicon backs up every language.
BACKUP_LANGUAGES: tuple[str, ...] = ("en",)


class SpokenFormNormalizer:
    """Rewrites "noll sju noll" as "070" and "john dot smith at example dot com" as an address."""

    def __init__(self, lexicon: SpokenLexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    def for_language(cls, language: str | None) -> SpokenFormNormalizer:
        """The normalizer for `language`; None or an unknown language uses every lexicon."""
        return _normalizer_for(language)

    def normalize(self, text: str) -> NormalizedText:
        """Normalize `text`; the result maps each of its characters back to `text`."""
        units = self._units(text)
        joins = {first: last for first, last in find_addresses(text, units)}
        builder = OffsetMapBuilder(text)
        position = 0
        i = 0
        while i < len(units):
            last = joins.get(i)
            builder.copy(position, units[i].start)
            if last is not None:
                for unit in units[i : last + 1]:
                    _emit_canonical(builder, unit)
                position, i = units[last].end, last + 1
                continue
            unit = units[i]
            if unit.stands_alone:
                _emit_canonical(builder, unit)
            else:
                builder.copy(unit.start, unit.end)
            position, i = unit.end, i + 1
        builder.copy(position, len(text))
        return builder.build()

    def _units(self, text: str) -> list[Unit]:
        tokens = tokenize(text)
        units: list[Unit] = []
        i = 0
        while i < len(tokens):
            found = (
                read_number(text, tokens, i, self.lexicon)
                or read_letters(text, tokens, i)
                or read_symbol(text, tokens, i, self.lexicon)
            )
            if found is None:
                units.append(word_unit(tokens[i]))
                i += 1
            else:
                unit, i = found
                units.append(unit)
        return merge_codes(text, units)


def _emit_canonical(builder: OffsetMapBuilder, unit: Unit) -> None:
    for piece in unit.pieces:
        if piece.literal:
            builder.copy(piece.start, piece.end)
        else:
            builder.emit(piece.text, piece.start, piece.end)


@lru_cache(maxsize=16)
def _normalizer_for(language: str | None) -> SpokenFormNormalizer:
    if language in LEXICONS:
        names = [language, *(b for b in BACKUP_LANGUAGES if b != language)]
    else:
        names = list(LEXICONS)
    key = language or "any"
    return SpokenFormNormalizer(combine(key, (LEXICONS[name] for name in names)))


def normalize_spoken(text: str, language: str | None = None) -> NormalizedText:
    """Normalize spoken forms in `text` with the lexicons for `language` (None: all of them)."""
    return SpokenFormNormalizer.for_language(language).normalize(text)
