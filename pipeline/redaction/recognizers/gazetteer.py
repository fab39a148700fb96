"""The Nordic name gazetteer and word lists in pipeline/redaction/data, loaded once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Transcript language codes (Whisper's) -> the word-list languages that judge a name there.
LANGUAGE_GROUPS: Mapping[str, frozenset[str]] = {
    "sv": frozenset({"sv"}),
    "no": frozenset({"nb"}),
    "nb": frozenset({"nb"}),
    "nn": frozenset({"nb"}),
    "da": frozenset({"da"}),
    "fi": frozenset({"fi"}),
    "en": frozenset({"en"}),
}
ALL_LANGUAGES: frozenset[str] = frozenset({"sv", "nb", "da", "fi", "en"})
# English month and day names are capitalised mid-sentence like names ("in May").
CALENDAR_WORDS: frozenset[str] = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    }
)


def word_languages(language: str | None) -> frozenset[str]:
    """The word-list languages for a transcript language; every list when unknown."""
    if language is None:
        return ALL_LANGUAGES
    return LANGUAGE_GROUPS.get(language.lower().split("-")[0], ALL_LANGUAGES)


def _read_tsv(name: str) -> dict[str, frozenset[str]]:
    rows: dict[str, frozenset[str]] = {}
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, tags = line.partition("\t")
        rows[key.lower()] = frozenset(t for t in tags.split(",") if t)
    return rows


def _read_words(name: str) -> frozenset[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class Gazetteer:
    """First names and surnames (lower case -> countries) and the words that judge them."""

    first_names: Mapping[str, frozenset[str]]
    surnames: Mapping[str, frozenset[str]]
    # Names that are also ordinary words, with the languages they are words in ("sten": sv).
    name_words: Mapping[str, frozenset[str]]
    stop_words: Mapping[str, frozenset[str]]
    domain_words: frozenset[str]

    def is_first_name(self, word: str) -> bool:
        """True for a listed first name, or a hyphenated one made of listed names."""
        return self._listed(word, self.first_names)

    def is_surname(self, word: str) -> bool:
        """True for a listed surname (or hyphenated surnames)."""
        return self._listed(word, self.surnames)

    def is_name(self, word: str) -> bool:
        """True for a listed first name or surname."""
        return self.is_first_name(word) or self.is_surname(word)

    def is_ordinary_word(self, word: str, language: str | None) -> bool:
        """True when the name `word` is also a common word in `language` ("Sten", "Björn")."""
        key = word.lower()
        if key in CALENDAR_WORDS:
            return True
        return bool(self.name_words.get(key, frozenset()) & word_languages(language))

    def is_stop_word(self, word: str, language: str | None) -> bool:
        """True for a function word of `language` or English, or a support-call term."""
        key = word.lower()
        if key in self.domain_words or key in CALENDAR_WORDS:
            return True
        languages = word_languages(language) | {"en"}
        return bool(self.stop_words.get(key, frozenset()) & languages)

    @staticmethod
    def _listed(word: str, names: Mapping[str, frozenset[str]]) -> bool:
        key = word.lower()
        if key in names:
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(part in names for part in parts)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return Gazetteer(
        first_names=_read_tsv("first_names.tsv"),
        surnames=_read_tsv("surnames.tsv"),
        name_words=_read_tsv("name_words.tsv"),
        stop_words=_read_tsv("stop_words.tsv"),
        domain_words=_read_words("domain_words.txt"),
    )
