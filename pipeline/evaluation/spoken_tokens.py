"""Scoring tokens of transcript text: words, redaction tags, and digits with number words read.

The speech evaluation's own reader, kept apart from the redactor's normalizer on purpose: a
measuring instrument must not share the blind spots of what it measures. It reads English,
Swedish, Norwegian and Danish number words (compounds such as "nittonhundraåttiofem" and
"seksogtres" included) and a few spellings a recognizer writes for them ("otta", "nol").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

TAG = "tag"
DIGIT = "digit"
WORD = "word"

_TOKEN = re.compile(r"\[[A-Z_]+(?::[^\]]*)?\]|<[A-Z_]+:[0-9a-f]+>|\d+|[^\W\d_]+(?:'[^\W\d_]+)?")

_UNITS = {
    "en": "zero one two three four five six seven eight nine",
    "sv": "noll ett två tre fyra fem sex sju åtta nio",
    "no": "null en to tre fire fem seks sju åtte ni",
    "da": "nul en to tre fire fem seks syv otte ni",
}
_TEENS = {
    "en": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "sv": "tio elva tolv tretton fjorton femton sexton sjutton arton nitton",
    "no": "ti elleve tolv tretten fjorten femten seksten sytten atten nitten",
    "da": "ti elleve tolv tretten fjorten femten seksten sytten atten nitten",
}
_TENS = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "sv": "tjugo trettio fyrtio femtio sextio sjuttio åttio nittio",
    "no": "tjue tretti førti femti seksti sytti åtti nitti",
    "da": "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems",
}
_HUNDRED = {"en": ("hundred",), "sv": ("hundra",), "no": ("hundre",), "da": ("hundrede",)}
_THOUSAND = {"en": ("thousand",), "sv": ("tusen",), "no": ("tusen",), "da": ("tusind", "tusinde")}
# Spellings a recognizer writes for number words, and older or dialect forms.
_VARIANTS = {
    "en": {"oh": 0, "o": 0, "nought": 0},
    "sv": {"en": 1, "otta": 8, "nol": 0, "nolla": 0, "tju": 20, "tjugu": 20, "ettan": 1},
    "no": {"ett": 1, "én": 1, "sytti": 70, "tyve": 20, "tredve": 30},
    "da": {"et": 1, "én": 1},
}
# Number words that are also everyday words: they count only beside another number.
_AMBIGUOUS = {
    "en": {"oh", "o", "one"},
    "sv": {"en", "ett", "sex"},
    "no": {"en", "ett", "én", "to", "ni", "fire"},
    "da": {"en", "et", "én", "to", "ni", "fire"},
}
# English words a recognizer writes for digits inside a run of numbers.
_HOMOPHONES = {"for": 4, "to": 2, "too": 2, "won": 1, "ate": 8}
_DANISH_AND = "og"


@dataclass(frozen=True)
class Token:
    """One scoring token: a word (lowercased), a single digit, or a redaction tag."""

    kind: str
    text: str
    start: int = field(default=0, compare=False)


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, int]  # morpheme -> value
    hundreds: frozenset[str]
    thousands: frozenset[str]
    ambiguous: frozenset[str]


def fold(word: str) -> str:
    """Lowercase without diacritics ("Sjöberg" -> "sjoberg", "Ærø" -> "aero")."""
    word = word.lower().replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_code(language: str | None) -> str:
    """The lexicon for a language code; unknown languages are read as English."""
    code = (language or "en").replace("_", "-").split("-")[0].lower()
    code = {"nb": "no", "nn": "no", "swe": "sv", "eng": "en", "dan": "da", "nor": "no"}.get(
        code, code
    )
    return code if code in _UNITS else "en"


@cache
def _lexicon(language: str) -> _Lexicon:
    numbers: dict[str, int] = {}
    hundreds: set[str] = set()
    thousands: set[str] = set()
    ambiguous: set[str] = set(_AMBIGUOUS.get(language, ()))
    # The caller's language first, English as the backup callers mix in.
    for lang in dict.fromkeys([language, "en"]):
        for value, word in enumerate(_UNITS[lang].split()):
            numbers.setdefault(word, value)
        for value, word in enumerate(_TEENS[lang].split(), start=10):
            numbers.setdefault(word, value)
        for value, word in enumerate(_TENS[lang].split(), start=2):
            numbers.setdefault(word, value * 10)
        for word, value in _VARIANTS.get(lang, {}).items():
            numbers.setdefault(word, value)
        hundreds.update(_HUNDRED[lang])
        thousands.update(_THOUSAND[lang])
        if lang != language:
            ambiguous.update(w for w in _AMBIGUOUS["en"] if w not in _UNITS[language].split())
    return _Lexicon(numbers, frozenset(hundreds), frozenset(thousands), frozenset(ambiguous))


def _morphemes(word: str, lex: _Lexicon, danish: bool) -> list[str] | None:
    """Split a (compound) number word into lexicon morphemes, longest first; None if not one."""
    if not word:
        return []
    known = set(lex.numbers) | lex.hundreds | lex.thousands
    if danish:
        known.add(_DANISH_AND)
    for end in range(len(word), 0, -1):
        head = word[:end]
        if head in known:
            rest = _morphemes(word[end:], lex, danish)
            if rest is not None:
                return [head, *rest]
    return None


def _read_number_words(morphemes: list[str], lex: _Lexicon) -> str:
    """Digits for a run of number morphemes, read the way people say numbers aloud.

    "nineteen eighty five" -> 1985; "tjugo tre" -> 23; "seks og tres" -> 63;
    "nitton hundra åttio fem" -> 1985; "two thousand three" -> 2003; "oh seven" -> 07.
    """
    out: list[str] = []
    current: int | None = None  # a number being built (tens + unit, hundreds, thousands)
    pending_unit: int | None = None  # Danish "seks og": a unit waiting for its tens
    i = 0
    while i < len(morphemes):
        word = morphemes[i]
        if word == _DANISH_AND:
            i += 1
            continue
        if word in lex.hundreds or word in lex.thousands:
            scale = 100 if word in lex.hundreds else 1000
            base = current if current is not None else 1
            current = base * scale
            i += 1
            continue
        value = lex.numbers[word]
        if pending_unit is not None and value >= 20 and value % 10 == 0:
            value, pending_unit = value + pending_unit, None
            current = (current or 0) + value if _open(current) else value
        elif (
            i + 2 < len(morphemes)
            and morphemes[i + 1] == _DANISH_AND
            and value < 10
            and lex.numbers.get(morphemes[i + 2], 0) >= 20
        ):
            if current is not None and not _open(current):
                out.append(str(current))
                current = None
            pending_unit = value
        elif current is not None and _fits(current, value):
            current += value
        else:
            if current is not None:
                out.append(str(current))
            current = value
        i += 1
    if current is not None:
        out.append(str(current))
    return "".join(out)


def _open(current: int | None) -> bool:
    # A number that still takes a smaller part: "twenty" (+3), "nineteen hundred" (+85).
    return current is not None and ((current % 100 == 0 and current >= 100) or current % 10 == 0)


def _fits(current: int, value: int) -> bool:
    if current >= 100 and current % 100 == 0:
        return value < 100
    if current >= 20 and current % 10 == 0 and current % 100 != 0:
        return 0 < value < 10
    return False


def tokens(text: str, language: str | None) -> list[Token]:
    """Scoring tokens of `text`: number words become one digit token per digit.

    Each token records where its source starts in `text` (a run of number words: its first word).
    """
    lex = _lexicon(language_code(language))
    danish = language_code(language) == "da"
    parsed: list[tuple[str, str, list[str] | None]] = []
    starts: list[int] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        starts.append(match.start())
        if piece.startswith(("[", "<")):
            parsed.append((TAG, piece, None))
        elif piece.isdigit():
            parsed.append((DIGIT, piece, None))
        else:
            word = piece.lower()
            parsed.append((WORD, word, _morphemes(word, lex, danish)))
    out: list[Token] = []
    i = 0
    while i < len(parsed):
        kind, text_i, _morphs = parsed[i]
        at = starts[i]
        if kind != WORD or not _is_number(parsed, i, lex):
            if kind == DIGIT:
                out.extend(Token(DIGIT, d, at + k) for k, d in enumerate(text_i))
            else:
                out.append(Token(kind, text_i, at))
            i += 1
            continue
        run: list[str] = []
        while i < len(parsed) and parsed[i][0] == WORD and _is_number(parsed, i, lex):
            word, morphs = parsed[i][1], parsed[i][2]
            run.extend(morphs if morphs is not None else [str(_HOMOPHONES[word])])
            i += 1
        digits = "".join(
            _read_number_words(chunk, lex)
            if chunk[0] in lex.numbers or _scale(chunk, lex)
            else chunk[0]
            for chunk in _chunks(run, lex)
        )
        out.extend(Token(DIGIT, d, at) for d in digits)
    return out


def _scale(chunk: list[str], lex: _Lexicon) -> bool:
    return chunk[0] in lex.hundreds or chunk[0] in lex.thousands or chunk[0] == _DANISH_AND


def _chunks(run: list[str], lex: _Lexicon) -> list[list[str]]:
    # Homophones arrive as digit strings; keep them apart from the number words around them.
    chunks: list[list[str]] = []
    for item in run:
        if item.isdigit():
            chunks.append([item])
        elif chunks and not chunks[-1][0].isdigit():
            chunks[-1].append(item)
        else:
            chunks.append([item])
    return chunks


def _number_word(parsed: list[tuple[str, str, list[str] | None]], i: int, lex: _Lexicon) -> bool:
    kind, _word, morphs = parsed[i]
    if kind != WORD or not morphs:
        return False
    # "og" alone, "hundred" alone, are no numbers.
    return any(m in lex.numbers for m in morphs)


def _is_number(parsed: list[tuple[str, str, list[str] | None]], i: int, lex: _Lexicon) -> bool:
    """A word reads as a number: a number word, or an ambiguous one beside another number."""
    kind, word, _morphs = parsed[i]
    if kind != WORD:
        return False
    near = [
        0 <= j < len(parsed) and (parsed[j][0] == DIGIT or _number_word(parsed, j, lex))
        for j in (i - 1, i + 1)
    ]
    beside = any(near)
    if word in _HOMOPHONES and word not in lex.numbers:
        return all(near)  # "nine for seven", not "send it to forty"
    if word in lex.hundreds or word in lex.thousands:
        return beside
    if not _number_word(parsed, i, lex):
        return False
    return word not in lex.ambiguous or beside


def digit_runs(toks: list[Token]) -> list[str]:
    """Runs of consecutive digits; a word or a tag ends a run (punctuation does not)."""
    runs, current = [], []
    for tok in toks:
        if tok.kind == DIGIT:
            current.append(tok.text)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def words(toks: list[Token]) -> list[str]:
    """The word tokens, folded (lowercase, no diacritics)."""
    return [fold(t.text) for t in toks if t.kind == WORD]
