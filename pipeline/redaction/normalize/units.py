"""Units: tokens grouped into digit runs, spelled letters, spoken symbols and plain words."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import Enum

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.tokens import Token, only_space_between

LITERAL_SYMBOLS = frozenset("@.-_")


class UnitKind(Enum):
    """What a unit holds."""

    NUMBER = "number"  # digits, spoken or written: "noll sju", "070", "double five"
    LETTERS = "letters"  # spelled letters: "j o h n"
    CODE = "code"  # spelled letters and digits together: "C I D four four"
    SYMBOL = "symbol"  # a spoken or written symbol: "dot", "snabel-a", "@"
    WORD = "word"  # anything else


@dataclass(frozen=True)
class Piece:
    """Canonical `text` for original[start:end]; `literal` when it is that text unchanged."""

    text: str
    start: int
    end: int
    literal: bool = False


@dataclass(frozen=True)
class Unit:
    """A run of tokens with its canonical form.

    `stands_alone`: the canonical form replaces the tokens wherever they are. Otherwise it is
    used only when the unit joins an address ("dot" alone stays "dot").
    """

    kind: UnitKind
    start: int
    end: int
    pieces: tuple[Piece, ...]
    stands_alone: bool = False

    @property
    def canonical(self) -> str:
        """The canonical text of the unit, its pieces joined without spaces."""
        return "".join(piece.text for piece in self.pieces)


def word_unit(token: Token) -> Unit:
    """A plain word, kept as it is."""
    piece = Piece(token.text, token.start, token.end, literal=True)
    return Unit(UnitKind.WORD, token.start, token.end, (piece,))


def read_symbol(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """A spoken ("snabel a", "dot") or written symbol at token i, and the index after it."""
    if tokens[i].text in LITERAL_SYMBOLS:
        token = tokens[i]
        piece = Piece(token.text, token.start, token.end, literal=True)
        return Unit(UnitKind.SYMBOL, token.start, token.end, (piece,)), i + 1
    for length in range(min(lexicon.longest_symbol, len(tokens) - i), 0, -1):
        window = tokens[i : i + length]
        if not all(only_space_between(text, a, b) for a, b in itertools.pairwise(window)):
            continue
        symbol = lexicon.symbols.get(" ".join(t.lower for t in window))
        if symbol is not None:
            start, end = window[0].start, window[-1].end
            return Unit(UnitKind.SYMBOL, start, end, (Piece(symbol, start, end),)), i + length
    return None


def _spelled_letters(token: Token) -> list[Piece]:
    """Pieces for a single letter ("j") or a hyphen-spelled word ("j-o-h-n"); else none."""
    parts = token.text.split("-")
    if not all(len(p) == 1 and p.isalpha() for p in parts):
        return []
    if len(parts) == 1:
        return [Piece(token.text, token.start, token.end)]
    return [Piece(p, token.start + 2 * k, token.start + 2 * k + 1) for k, p in enumerate(parts)]


def read_letters(text: str, tokens: list[Token], i: int) -> tuple[Unit, int] | None:
    """Two or more spelled letters from token i on ("j o h n"), and the next index."""
    pieces: list[Piece] = []
    j = i
    while j < len(tokens) and (j == i or only_space_between(text, tokens[j - 1], tokens[j])):
        letters = _spelled_letters(tokens[j])
        if not letters:
            break
        pieces.extend(letters)
        j += 1
    if len(pieces) < 2:
        return None
    unit = Unit(UnitKind.LETTERS, tokens[i].start, tokens[j - 1].end, tuple(pieces), True)
    return unit, j


def merge_codes(text: str, units: list[Unit]) -> list[Unit]:
    """Join spelled letters and spoken digits said together ("S E four five") into one code."""
    merged: list[Unit] = []
    for unit in units:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and _code_part(previous)
            and _code_part(unit)
            and previous.kind != unit.kind
            and not text[previous.end : unit.start].strip()
        ):
            merged[-1] = Unit(
                UnitKind.CODE, previous.start, unit.end, previous.pieces + unit.pieces, True
            )
        else:
            merged.append(unit)
    return merged


def _code_part(unit: Unit) -> bool:
    return unit.stands_alone and unit.kind in (UnitKind.LETTERS, UnitKind.NUMBER, UnitKind.CODE)
