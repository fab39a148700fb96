"""Spelled letters: "j o h n", "J-O-H-N", "alpha bravo", "a be se", "s as in Sam"."""

from __future__ import annotations

import itertools

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.tokens import Token, only_space_between
from pipeline.redaction.normalize.units import Piece, Unit, UnitKind

_STRONG, _WEAK, _ANCHORED = "strong", "weak", "anchored"
_PHONETIC = "phonetic"  # a weak spelling-alphabet word ("hotel"): three in a row are spelling
_PHONETIC_LENGTH = 4


def _letter_of(token: Token, lexicon: SpokenLexicon) -> tuple[str, str] | None:
    """The letter a token names and how sure that is: "j" and "bravo" strong, "se" weak."""
    if len(token.text) == 1 and token.text.isalpha():
        return token.text, _STRONG
    letter = lexicon.letter_names.get(token.lower)
    if letter is None:
        return None
    letter = letter.upper() if token.text[0].isupper() else letter
    if token.lower not in lexicon.weak_letters:
        return letter, _STRONG
    return letter, _PHONETIC if len(token.text) >= _PHONETIC_LENGTH else _WEAK


def _hyphen_spelled(token: Token) -> list[Piece]:
    """Pieces for a hyphen-spelled word ("j-o-h-n"); else none."""
    parts = token.text.split("-")
    if len(parts) < 2 or not all(len(p) == 1 and p.isalpha() for p in parts):
        return []
    return [Piece(p, token.start + 2 * k, token.start + 2 * k + 1) for k, p in enumerate(parts)]


def _anchored(
    text: str, tokens: list[Token], j: int, letter: str, lexicon: SpokenLexicon
) -> tuple[Piece, int] | None:
    """ "s as in Sam": the letter, said with an example word that starts with it."""
    for phrase in lexicon.spelling_phrases:
        example_at = j + 1 + len(phrase)
        if example_at >= len(tokens):
            continue
        window = tokens[j : example_at + 1]
        if not all(only_space_between(text, a, b) for a, b in itertools.pairwise(window)):
            continue
        if tuple(t.lower for t in window[1:-1]) != phrase:
            continue
        example = window[-1]
        if example.lower.startswith(letter.lower()) and example.text.isalpha():
            return Piece(letter, tokens[j].start, example.end), example_at + 1
    return None


def _letter_item(
    text: str, tokens: list[Token], j: int, lexicon: SpokenLexicon
) -> tuple[list[Piece], str, int] | None:
    """Letters said at token j: their pieces, how sure they are, and the next index."""
    token = tokens[j]
    spelled = _hyphen_spelled(token)
    if spelled:
        return spelled, _STRONG, j + 1
    named = _letter_of(token, lexicon)
    if named is None:
        return None
    letter, strength = named
    anchored = _anchored(text, tokens, j, letter, lexicon)
    if anchored is not None:
        piece, after = anchored
        return [piece], _ANCHORED, after
    return [Piece(letter, token.start, token.end)], strength, j + 1


def _next_letter_at(text: str, tokens: list[Token], j: int) -> int | None:
    """Where the next letter may start: the next token, or the one after a comma."""
    if j >= len(tokens) or not only_space_between(text, tokens[j - 1], tokens[j]):
        return None
    if tokens[j].text != ",":
        return j
    if j + 1 < len(tokens) and only_space_between(text, tokens[j], tokens[j + 1]):
        return j + 1
    return None


def _accepted(strengths: list[str]) -> bool:
    """Enough evidence of spelling: an example word, two sure letters, three with one sure
    letter, or three spelling-alphabet words ("Charlie Delta Echo")."""
    strong = strengths.count(_STRONG)
    if _ANCHORED in strengths or strong >= 2 or (strong >= 1 and len(strengths) >= 3):
        return True
    return strong + strengths.count(_PHONETIC) >= 3


def read_letters(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """Spelled letters from token i on, and the index after them; commas between are dropped."""
    pieces: list[Piece] = []
    strengths: list[str] = []
    end = i
    j: int | None = i
    while j is not None:
        found = _letter_item(text, tokens, j, lexicon)
        if found is None:
            break
        letter_pieces, strength, end = found
        pieces += letter_pieces
        strengths += [strength] * len(letter_pieces)
        j = _next_letter_at(text, tokens, end)
    if not pieces or not _accepted(strengths) or (len(pieces) < 2 and _ANCHORED not in strengths):
        return None
    unit = Unit(UnitKind.LETTERS, tokens[i].start, tokens[end - 1].end, tuple(pieces), True)
    return unit, end
