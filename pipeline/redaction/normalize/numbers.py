"""Runs of spoken and written digits: "noll sju noll", "double five", "plus four six 70"."""

from __future__ import annotations

import re

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.tokens import Token, only_space_between
from pipeline.redaction.normalize.units import Piece, Unit, UnitKind

_WRITTEN_DIGITS = re.compile(r"\d+(?:-\d+)*")
_WRITTEN, _STRONG, _WEAK = "written", "strong", "weak"


def _digit_item(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Piece, str, int] | None:
    """One digit item at token i: its piece, how sure it is a digit, and the next index.

    This is the place a later grammar reads number words ("twenty three") from.
    """
    token = tokens[i]
    if _WRITTEN_DIGITS.fullmatch(token.text):
        return Piece(token.text, token.start, token.end, literal=True), _WRITTEN, i + 1
    times = lexicon.repeaters.get(token.lower)
    if times is not None and i + 1 < len(tokens) and only_space_between(text, token, tokens[i + 1]):
        following = tokens[i + 1]
        digit = lexicon.digits.get(following.lower)
        if digit is None and following.text.isdigit() and len(following.text) == 1:
            digit = following.text
        if digit is not None:
            return Piece(digit * times, token.start, following.end), _STRONG, i + 2
    digit = lexicon.digits.get(token.lower)
    if digit is not None:
        kind = _WEAK if token.lower in lexicon.weak_digits else _STRONG
        return Piece(digit, token.start, token.end), kind, i + 1
    return None


def _separator(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[list[Piece], int] | None:
    """A separator inside a digit run: a comma (dropped) or a dash, written or spoken."""
    token = tokens[i]
    if token.text == ",":
        return [], i + 1
    if token.text == "-" or lexicon.symbols.get(token.lower) == "-":
        return [Piece("-", token.start, token.end, literal=token.text == "-")], i + 1
    return None


def read_number(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """The digit run starting at token i, and the index after it; None when there is none."""
    pieces: list[Piece] = []
    kinds: list[str] = []
    j = i
    prefix = lexicon.number_prefixes.get(tokens[i].lower)
    if prefix is not None and i + 1 < len(tokens) and only_space_between(text, *tokens[i : i + 2]):
        pieces.append(Piece(prefix, tokens[i].start, tokens[i].end))
        j = i + 1
    while j < len(tokens):
        if kinds and not only_space_between(text, tokens[j - 1], tokens[j]):
            break
        item = _digit_item(text, tokens, j, lexicon)
        if item is None:
            break
        piece, kind, j = item
        pieces.append(piece)
        kinds.append(kind)
        after = _after_separator(text, tokens, j, lexicon)
        if after is None:
            continue
        separator_pieces, k = after
        if _digit_item(text, tokens, k, lexicon) is None:
            break
        pieces.extend(separator_pieces)
        j = k
    if not kinds or all(kind == _WEAK for kind in kinds):
        return None
    spoken = prefix is not None or any(kind != _WRITTEN for kind in kinds)
    digit_count = sum(ch.isdigit() for piece in pieces for ch in piece.text)
    # A lone "one" stays a word; "triple nine" and "noll sju" are numbers.
    unit = Unit(
        UnitKind.NUMBER,
        tokens[i].start,
        tokens[j - 1].end,
        tuple(pieces),
        stands_alone=spoken and digit_count >= 2,
    )
    return unit, j


def _after_separator(
    text: str, tokens: list[Token], j: int, lexicon: SpokenLexicon
) -> tuple[list[Piece], int] | None:
    """A separator at token j followed by a token, all within the run; else None."""
    if j + 1 >= len(tokens) or not only_space_between(text, tokens[j - 1], tokens[j]):
        return None
    if not only_space_between(text, tokens[j], tokens[j + 1]):
        return None
    return _separator(text, tokens, j, lexicon)
