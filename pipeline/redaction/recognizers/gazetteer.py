"""The name gazetteer (Nordic lists, 1990 US Census) and word lists in pipeline/redaction/data,
loaded once."""

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
    return frozenset(_read_ordered(name))


def _read_ordered(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]


def _with_tag(
    rows: Mapping[str, frozenset[str]], names: list[str], tag: str
) -> dict[str, frozenset[str]]:
    merged = dict(rows)
    for name in names:
        merged[name] = merged.get(name, frozenset()) | {tag}
    return merged


def _english_words(
    name_words: Mapping[str, frozenset[str]], common: frozenset[str]
) -> dict[str, frozenset[str]]:
    """English word-ness from the common-word list alone: "john" and "rogers" are in the big
    SCOWL list (so once tagged "en") but are names first; "smith" and "brown" stay words."""
    out = {k: v - {"en"} for k, v in name_words.items()}
    for word in common:
        out[word] = out.get(word, frozenset()) | {"en"}
    return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class Gazetteer:
    """First names and surnames (lower case -> countries) and the words that judge them."""

    first_names: Mapping[str, frozenset[str]]
    surnames: Mapping[str, frozenset[str]]
    # Names that are also ordinary words, with the languages they are words in ("sten": sv).
    name_words: Mapping[str, frozenset[str]]
    stop_words: Mapping[str, frozenset[str]]
    domain_words: frozenset[str]
    # The most frequent surnames ("smith", "brown", "young"): after a listed first name they
    # count in lower case even when they are also common words.
    common_surnames: frozenset[str] = frozenset()
    # Common English words (SCOWL 35), for the English lists only: a word after a listed first
    # name that is none of these ("ledwith", "o'beirne") is a surname the lists lack.
    common_words: frozenset[str] = frozenset()

    def is_first_name(self, word: str) -> bool:
        """True for a listed first name, or a hyphenated one made of listed names."""
        return self._listed(word, self.first_names)

    def is_surname(self, word: str) -> bool:
        """True for a listed surname (or hyphenated surnames)."""
        return self._listed(word, self.surnames)

    def is_name(self, word: str) -> bool:
        """True for a listed first name or surname."""
        return self.is_first_name(word) or self.is_surname(word)

    def is_common_surname(self, word: str) -> bool:
        """True for one of the most frequent surnames (1990 US Census top ranks)."""
        return word.lower() in self.common_surnames

    def is_unknown_word(self, word: str) -> bool:
        """True when the English lists are loaded and `word` is no common English word, no
        listed name and no function or support-call word: an unseen name, most likely."""
        key = word.lower().replace("’", "'")
        # Contractions ("it's", "we'll") are words; "o'beirne" and "d'souza" are names.
        if "'" in key and not key.startswith(("o'", "d'")):
            return False
        return (
            bool(self.common_words)
            and len(key) > 2
            and key not in self.common_words
            and key not in self.stop_words
            and key not in self.domain_words
            and not self.is_name(key)
        )

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


# Surnames this frequent (rank in the Census list) may also be everyday words ("young").
COMMON_SURNAME_RANK = 2_000


# Transcript languages whose names the English (Census) lists judge; others keep the Nordic
# lists alone, so that a Census name that is a Finnish or Swedish word ("tosi") stays a word.
ENGLISH_NAME_LANGUAGES: frozenset[str | None] = frozenset({None, "en"})


def gazetteer_for(language: str | None) -> Gazetteer:
    """The shipped gazetteer for a transcript in `language`: with the English lists for English
    or an unknown language, without them for the Nordic languages."""
    code = language.lower().split("-")[0] if language else None
    return load_gazetteer(english=code in ENGLISH_NAME_LANGUAGES)


def is_shipped(gazetteer: Gazetteer) -> bool:
    """True for one of the shipped gazetteers (not one a caller built)."""
    return gazetteer is load_gazetteer(english=True) or gazetteer is load_gazetteer(english=False)


def load_gazetteer(english: bool = True) -> Gazetteer:
    """The shipped gazetteer, read once per process; `english` adds the 1990 US Census lists."""
    return _load(english)


@lru_cache(maxsize=2)
def _load(english: bool) -> Gazetteer:
    if not english:
        return Gazetteer(
            first_names=_read_tsv("first_names.tsv"),
            surnames=_read_tsv("surnames.tsv"),
            name_words=_read_tsv("name_words.tsv"),
            stop_words=_read_tsv("stop_words.tsv"),
            domain_words=_read_words("domain_words.txt"),
        )
    en_surnames = _read_ordered("en_surnames.txt")
    return Gazetteer(
        first_names=_with_tag(
            _read_tsv("first_names.tsv"), _read_ordered("en_first_names.txt"), "US"
        ),
        surnames=_with_tag(_read_tsv("surnames.tsv"), en_surnames, "US"),
        name_words=_english_words(_read_tsv("name_words.tsv"), _read_words("en_name_words.txt")),
        stop_words=_read_tsv("stop_words.tsv"),
        domain_words=_read_words("domain_words.txt"),
        common_surnames=frozenset(en_surnames[:COMMON_SURNAME_RANK]),
        common_words=_read_words("en_common_words.txt"),
    )
