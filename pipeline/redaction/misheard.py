"""Words as a recognizer mishears them: a sound key, near-number words and loose cue words."""

# Whisper writes what it hears, so a Swedish "sju" can come out as "tjej" and "personnummer" as
# "pashunomer". Spelling is a poor guide to such errors; sound is a better one. A word's sound
# key folds letters that sound alike in the Nordic languages and English (sj/tj/sch/sh, every
# vowel, doubled letters) and two keys one edit apart (rapidfuzz) sound nearly the same. This
# is only ever asked about words inside number runs or next to them, never about all words.

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from pipeline.redaction.entities import EntityType
from pipeline.redaction.normalize.cardinals import CardinalGrammar
from pipeline.redaction.normalize.normalizer import LEXICONS, lexicon_language
from pipeline.redaction.recognizers.gazetteer import load_gazetteer

_FRICATIVES = ("stj", "skj", "sch", "sj", "tj", "kj", "sh", "ch")
_FOLDS = (("ph", "f"), ("ck", "k"), ("qu", "kv"), ("hv", "v"), ("th", "t"), ("dt", "t"))
_LETTERS = str.maketrans({"w": "v", "z": "s", "x": "ks", "q": "k", "c": "k", "é": "e"})
_VOWELS = re.compile(r"[aeiouyåäöæø]+")
_REPEATS = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-zåäöæøé]")
# Below this many key symbols a near-number word must sound exactly like one.
_FUZZY_KEY = 3
# From this many letters a near-number word is as good as the number word itself ("nittun").
_LONG_WORD = 5
# Number words that English recognizers write as homophones inside digit runs.
_ENGLISH_HOMOPHONES = {"oh": 0, "o": 0, "to": 2, "too": 2, "for": 4, "fore": 4, "won": 1}
_MAX_VALUE = 1000
_CACHED_WORDS = 16384


def sound_key(word: str) -> str:
    """How `word` sounds, roughly: "tjej" and "sju" give "SVj" and "SV", one edit apart."""
    key = _NOT_LETTER.sub("", word.lower())
    for fricative in _FRICATIVES:
        key = key.replace(fricative, "S")
    for spelled, sound in _FOLDS:
        key = key.replace(spelled, sound)
    key = key.translate(_LETTERS)
    key = key[:1] + key[1:].replace("h", "")
    key = _VOWELS.sub("V", key)
    return _REPEATS.sub(r"\1", key)


class Strength(Enum):
    """How sure a number-like word is a number: STRONG words start runs, WEAK ones only join."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True)
class NumberWords:
    """The number words of the languages spoken, exact and by sound."""

    exact: dict[str, Strength]
    keys: frozenset[str]  # sound keys of the number words
    by_first: dict[str, tuple[str, ...]]  # the keys, by their first symbol
    grammars: tuple[CardinalGrammar, ...]  # for words written together: "tjugotre"
    language: str | None = None

    def __post_init__(self) -> None:
        # The same words come back call after call; bounded, so a long-running worker stays small.
        object.__setattr__(self, "_exactly", lru_cache(maxsize=_CACHED_WORDS)(self._exactly))
        object.__setattr__(self, "_near", lru_cache(maxsize=_CACHED_WORDS)(self._near))

    def classify(self, word: str) -> Strength | None:
        """STRONG or WEAK when `word` is, or sounds like, a number word; None otherwise."""
        return self.exactly(word) or self.near(word)

    def exactly(self, word: str) -> Strength | None:
        """STRONG or WEAK when `word` is a number word as written ("sju", "tjugotre", "7")."""
        return self._exactly(word.lower())

    def _exactly(self, lower: str) -> Strength | None:
        if lower.isdigit():
            return Strength.STRONG
        found = self.exact.get(lower)
        if found is not None:
            return found
        for grammar in self.grammars:
            if grammar.is_number_word(lower):
                return Strength.WEAK if grammar.is_weak(lower) else Strength.STRONG
        return None

    def near(self, word: str) -> Strength | None:
        """STRONG (a long word) or WEAK when `word` sounds like a number word; else None."""
        return self._near(word.lower())

    def _near(self, lower: str) -> Strength | None:
        if not lower.isalpha() or not self.keys:
            return None
        key = sound_key(lower)
        if len(key) < 2:
            return None
        if key in self.keys and len(lower) >= _FUZZY_KEY:
            # It sounds exactly like a number word ("femm", "tvo", "otte"): heard as one.
            stop = load_gazetteer().is_stop_word(lower, self.language)
            return Strength.WEAK if stop else Strength.STRONG
        # A recognizer rarely mishears how a word starts: only keys with the same onset.
        candidates = self.by_first.get(key[0], ())
        if len(key) < _FUZZY_KEY:
            # A short word: its key, or one sound more ("syu" for "syv").
            candidates = tuple(c for c in candidates if len(c) == _FUZZY_KEY)
        found = key in self.keys or extractOne(
            key, candidates, scorer=Levenshtein.distance, score_cutoff=1
        )
        if not found:
            return None
        # A function word that sounds like a number ("före", "fyra") only ever joins a run.
        if len(lower) < _LONG_WORD or load_gazetteer().is_stop_word(lower, self.language):
            return Strength.WEAK
        return Strength.STRONG


@lru_cache(maxsize=16)
def number_words(language: str | None) -> NumberWords:
    """Number words of `language` (None: every language varsam reads) and English.

    Sound-alikes are taken from the Nordic languages only: English backs up digits said in
    English exactly, as the normalizer's backup does, and an English recognizer writes English
    number words well; it mishears them as homophones ("for", "to", "oh"), which are listed.
    """
    code = lexicon_language(language)
    own = [LEXICONS[code]] if code else list(LEXICONS.values())
    exact: dict[str, Strength] = {}
    keys: set[str] = set()
    for lexicon in [*own, LEXICONS["en"]]:
        fuzzy = lexicon in own and lexicon.language != "en"
        for word, value in lexicon.numbers.items():
            if value > _MAX_VALUE:
                continue
            weak = word in lexicon.weak_words or word in lexicon.common_words
            exact.setdefault(word, Strength.WEAK if weak else Strength.STRONG)
            if fuzzy:
                keys.add(sound_key(word))
        for word in lexicon.spoken_zeros | lexicon.weak_words:
            exact.setdefault(word, Strength.WEAK)
    for word in _ENGLISH_HOMOPHONES:
        exact.setdefault(word, Strength.WEAK)
    by_first: dict[str, list[str]] = {}
    for key in sorted(keys):
        by_first.setdefault(key[0], []).append(key)
    return NumberWords(
        exact,
        frozenset(keys),
        {first: tuple(ks) for first, ks in by_first.items()},
        tuple(CardinalGrammar(lexicon) for lexicon in [*own, LEXICONS["en"]]),
        code,
    )


# Cue words for the kinds of personal data a caller reads out, one word each (multi-word cues
# are matched with their words joined: "kund nummer" is "kundnummer").
CUES: dict[str, tuple[str, ...]] = {
    EntityType.NATIONAL_ID: (
        "personnummer",
        "personnumret",
        "personnummeret",
        "personalnumber",
        "personalidentitynumber",
        "identitynumber",
        "socialsecuritynumber",
        "fødselsnummer",
        "fødselsnummeret",
        "fødselsnumret",
        "fodselsnummer",
        "cprnummer",
        "cprnummeret",
        "cpr",
        "henkilötunnus",
    ),
    EntityType.PHONE: (
        "telefonnummer",
        "telefonnumret",
        "telefonnummeret",
        "mobilnummer",
        "mobilnumret",
        "mobilnummeret",
        "phonenumber",
        "telephonenumber",
        "mobilenumber",
        "phone",
        "telefon",
        "mobil",
    ),
    EntityType.CARD_NUMBER: ("kortnummer", "kortnumret", "kortnummeret", "cardnumber"),
    EntityType.CUSTOMER_ID: (
        "kundnummer",
        "kundnumret",
        "kundenummer",
        "kundenummeret",
        "customernumber",
    ),
    EntityType.BANK_ACCOUNT: (
        "kontonummer",
        "kontonumret",
        "kontonummeret",
        "accountnumber",
    ),
    EntityType.DATE_OF_BIRTH: (
        "födelsedatum",
        "fødselsdato",
        "fødselsdag",
        "dateofbirth",
        "birthdate",
        "birthday",
    ),
    EntityType.EMAIL: (
        "email",
        "emailaddress",
        "epost",
        "epostadress",
        "epostadresse",
        "mejl",
        "mejladress",
        "mail",
        "mailadress",
        "mailadresse",
    ),
    EntityType.STREET_ADDRESS: ("address", "adress", "adresse", "adressen", "hemadress"),
    EntityType.PERSON: ("name", "fullname", "namn", "navn", "navnet", "namnet"),
}
# Words that sound like a cue and are not one.
_NOT_CUES = frozenset(
    {"personal", "personally", "personen", "personer", "personlig", "personligt", "personliga"}
)
# A cue this many key symbols long or more may be misheard by this share of its key.
_FUZZY_CUE = 8
_CUE_DISTANCE = 0.31  # "pashummer" for personnummer is 3 edits in 10


@lru_cache(maxsize=1)
def _cue_keys() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    exact: dict[str, str] = {}
    fuzzy: dict[str, dict[str, str]] = {}
    for entity_type, words in CUES.items():
        for word in words:
            exact[word] = str(entity_type)
            key = sound_key(word)
            if len(key) >= _FUZZY_CUE:
                fuzzy.setdefault(key[0], {}).setdefault(key, str(entity_type))
    return exact, fuzzy


@lru_cache(maxsize=4096)
def cue_type(words: str) -> str | None:
    """The entity type a cue word (or words said apart, joined) asks for, heard loosely.

    "pashunomer" is a personnummer, "telefonummet" a telefonnummer, "e-post adress" an e-post
    address; a word far from every cue gives None.
    """
    joined = _NOT_LETTER.sub("", words.lower())
    exact, fuzzy = _cue_keys()
    if joined in exact:
        return exact[joined]
    key = sound_key(joined)
    if len(key) < _FUZZY_CUE or joined in _NOT_CUES:
        return None
    candidates = fuzzy.get(key[0], {})
    match = extractOne(
        key, candidates.keys(), scorer=Levenshtein.normalized_distance, score_cutoff=_CUE_DISTANCE
    )
    return None if match is None else candidates[match[0]]
