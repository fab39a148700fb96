"""SpokenFormNormalizer: spoken numbers, letters, symbols and dates to canonical text."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pipeline.redaction.normalize.addresses import find_addresses
from pipeline.redaction.normalize.cardinals import CardinalGrammar
from pipeline.redaction.normalize.da import DANISH
from pipeline.redaction.normalize.dates import read_date
from pipeline.redaction.normalize.en import ENGLISH
from pipeline.redaction.normalize.letters import read_letters
from pipeline.redaction.normalize.lexicon import SpokenLexicon, combine
from pipeline.redaction.normalize.no import NORWEGIAN
from pipeline.redaction.normalize.numbers import read_number
from pipeline.redaction.normalize.offsets import NormalizedText, OffsetMapBuilder
from pipeline.redaction.normalize.sv import SWEDISH
from pipeline.redaction.normalize.tokens import tokenize
from pipeline.redaction.normalize.units import Unit, merge_codes, read_symbol, word_unit

LEXICONS: dict[str, SpokenLexicon] = {"en": ENGLISH, "sv": SWEDISH, "no": NORWEGIAN, "da": DANISH}
# Other names callers use for these languages (ISO 639-1 and -2, Bokmål and Nynorsk).
LANGUAGE_ALIASES: dict[str, str] = {
    "eng": "en",
    "swe": "sv",
    "nb": "no",
    "nn": "no",
    "nob": "no",
    "nno": "no",
    "nor": "no",
    "dan": "da",
}
# Callers mix in English words ("dot com", "at"); the English lexicon backs up every language.
BACKUP_LANGUAGES: tuple[str, ...] = ("en",)


def lexicon_language(language: str | None) -> str | None:
    """The LEXICONS key for a language code ("nb", "sv-SE", "SV"); None when there is none."""
    if not language:
        return None
    code = language.replace("_", "-").split("-")[0].lower()
    code = LANGUAGE_ALIASES.get(code, code)
    return code if code in LEXICONS else None


class SpokenFormNormalizer:
    """Rewrites "noll sju noll" as "070" and "john dot smith at example dot com" as an address.

    `lexicons` are the languages spoken; `backups` are read too, but their words that are
    common words in a spoken language ("to" for an English speaker) count only beside others.
    """

    def __init__(
        self, lexicons: Sequence[SpokenLexicon], backups: Sequence[SpokenLexicon] = ()
    ) -> None:
        self.lexicons = tuple(lexicons)
        self.backups = tuple(backups)
        self.lexicon = combine(
            "+".join(lex.language for lex in self.lexicons), [*self.lexicons, *self.backups]
        )
        self.grammars = tuple(
            CardinalGrammar(lex, _common_words_of_others(lex, self.lexicons))
            for lex in (*self.lexicons, *self.backups)
        )

    @classmethod
    def for_language(cls, language: str | None) -> SpokenFormNormalizer:
        """The normalizer for `language`; None or an unknown language uses every lexicon."""
        return _normalizer_for(lexicon_language(language))

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
                read_date(text, tokens, i, self.lexicon)
                or read_number(text, tokens, i, self.grammars, self.lexicon)
                or read_letters(text, tokens, i, self.lexicon)
                or read_symbol(text, tokens, i, self.lexicon)
            )
            if found is None:
                units.append(word_unit(tokens[i]))
                i += 1
            else:
                unit, i = found
                units.append(unit)
        return merge_codes(text, units)


def _common_words_of_others(
    lexicon: SpokenLexicon, spoken: Sequence[SpokenLexicon]
) -> frozenset[str]:
    """Words common in the other spoken languages: weak as numbers of `lexicon`."""
    others = [lex.common_words for lex in spoken if lex.language != lexicon.language]
    return frozenset().union(*others)


def _emit_canonical(builder: OffsetMapBuilder, unit: Unit) -> None:
    for piece in unit.pieces:
        if piece.literal:
            builder.copy(piece.start, piece.end)
        else:
            builder.emit(piece.text, piece.start, piece.end)


@lru_cache(maxsize=16)
def _normalizer_for(language: str | None) -> SpokenFormNormalizer:
    if language is None:
        return SpokenFormNormalizer(list(LEXICONS.values()))
    backups = [LEXICONS[name] for name in BACKUP_LANGUAGES if name != language]
    return SpokenFormNormalizer([LEXICONS[language]], backups)


def normalize_spoken(text: str, language: str | None = None) -> NormalizedText:
    """Normalize spoken forms in `text` with the lexicons for `language` (None: all of them)."""
    return SpokenFormNormalizer.for_language(language).normalize(text)
