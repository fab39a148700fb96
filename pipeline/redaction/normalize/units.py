"""Units: tokens grouped into numbers, letters, dates, spoken symbols and plain words."""

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
    DATE = "date"  # a spoken day and month: "the twelfth of March"
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
    if tokens[i].lower not in lexicon.phrase_starts:
        return None
    for length in range(min(lexicon.longest_symbol, len(tokens) - i), 0, -1):
        window = tokens[i : i + length]
        if not all(only_space_between(text, a, b) for a, b in itertools.pairwise(window)):
            continue
        symbol = lexicon.symbols.get(" ".join(t.lower for t in window))
        if symbol is not None:
            start, end = window[0].start, window[-1].end
            return Unit(UnitKind.SYMBOL, start, end, (Piece(symbol, start, end),)), i + length
    return None


def merge_codes(text: str, units: list[Unit]) -> list[Unit]:
    """Join letters and digits said together ("S E four five", "y v one s w") into one code."""
    # A run of letters and digits becomes a code when it holds at least two letters and two
    # digits; "a twelve" and "I have one" stay as they are.
    merged: list[Unit] = []
    i = 0
    while i < len(units):
        j = i
        while (
            j + 1 < len(units)
            and _code_part(units[j])
            and _code_part(units[j + 1])
            and not text[units[j].end : units[j + 1].start].strip()
        ):
            j += 1
        run = units[i : j + 1]
        if _is_code(run):
            pieces = tuple(piece for unit in run for piece in unit.pieces)
            merged.append(Unit(UnitKind.CODE, run[0].start, run[-1].end, pieces, True))
        else:
            merged.append(units[i])
            j = i
        i = j + 1
    return merged


def _code_part(unit: Unit) -> bool:
    if unit.kind in (UnitKind.LETTERS, UnitKind.NUMBER, UnitKind.CODE):
        return True
    return unit.kind is UnitKind.WORD and len(unit.canonical) == 1 and unit.canonical.isalpha()


def _is_code(run: list[Unit]) -> bool:
    canonical = "".join(unit.canonical for unit in run)
    letters = sum(ch.isalpha() for ch in canonical)
    digits = sum(ch.isdigit() for ch in canonical)
    return len(run) >= 2 and letters >= 2 and digits >= 2
