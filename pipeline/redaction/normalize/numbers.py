"""Runs of spoken and written numbers: "noll sju noll", "forty four, one two nine"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.redaction.normalize.cardinals import CardinalGrammar
from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.tokens import Token, only_space_between
from pipeline.redaction.normalize.units import Piece, Unit, UnitKind

_WRITTEN_DIGITS = re.compile(r"\d+(?:-\d+)*")
_WRITTEN, _STRONG, _WEAK = "written", "strong", "weak"


@dataclass(frozen=True)
class _Item:
    """Digits read at one place in a run: a written number, a repeat, or a phrase of words."""

    pieces: tuple[Piece, ...]
    strength: str
    next: int
    language: str | None = None  # the language of a phrase of number words
    # It opens with a lone weak word before a longer number: "en tjugofem" (about 25).
    article_first: bool = False


def _phrase(text: str, tokens: list[Token], j: int, grammar: CardinalGrammar) -> _Item | None:
    """The number words of one language from token j on, valued as digit groups."""
    lexicon = grammar.lexicon
    first = tokens[j].lower
    if not grammar.is_number_word(first) and first not in lexicon.scale_articles:
        return None
    words: list[str] = []
    k = j
    while k < len(tokens):
        if k > j and not only_space_between(text, tokens[k - 1], tokens[k]):
            break
        word = tokens[k].lower
        if not grammar.is_number_word(word) and not _joins_next(text, tokens, k, grammar):
            break
        words.append(word)
        k += 1
    groups = grammar.read(words) if words else []
    if not groups:
        return None
    pieces = tuple(
        Piece(g.digits, tokens[j + g.first].start, tokens[j + g.last].end) for g in groups
    )
    said = words[: groups[-1].last + 1]
    strong = any(grammar.is_number_word(w) and not grammar.is_weak(w) for w in said)
    article_first = (
        len(groups) > 1
        and groups[0].first == groups[0].last
        and grammar.is_weak(words[0])
        and len(groups[1].digits) > 1
    )
    strength = _STRONG if strong else _WEAK
    return _Item(pieces, strength, j + len(said), lexicon.language, article_first)


def _joins_next(text: str, tokens: list[Token], k: int, grammar: CardinalGrammar) -> bool:
    """A connector ("and") or article ("a") followed by a number word it can join."""
    word, lexicon = tokens[k].lower, grammar.lexicon
    if word not in lexicon.connectors and word not in lexicon.scale_articles:
        return False
    if k + 1 >= len(tokens) or not only_space_between(text, tokens[k], tokens[k + 1]):
        return False
    following = tokens[k + 1].lower
    if word in lexicon.scale_articles:
        return grammar.is_scale(following)
    return grammar.is_number_word(following)


def _repeat(
    text: str, tokens: list[Token], j: int, grammars: Sequence[CardinalGrammar], times: int
) -> _Item | None:
    """ "double five", "triple oh": the digit after a repeater, said that many times."""
    if j + 1 >= len(tokens) or not only_space_between(text, tokens[j], tokens[j + 1]):
        return None
    following = tokens[j + 1]
    digit, language = None, None
    if following.text.isdigit() and len(following.text) == 1:
        digit = following.text
    for grammar in grammars:
        if digit is not None:
            break
        groups = grammar.read([following.lower]) if grammar.is_number_word(following.lower) else []
        if len(groups) == 1 and len(groups[0].digits) == 1:
            digit, language = groups[0].digits, grammar.language
    if digit is None:
        return None
    piece = Piece(digit * times, tokens[j].start, following.end)
    return _Item((piece,), _STRONG, j + 2, language)


def _item(
    text: str,
    tokens: list[Token],
    j: int,
    grammars: Sequence[CardinalGrammar],
    lexicon: SpokenLexicon,
    prefer: str | None,
) -> _Item | None:
    """The longest item at token j; on a tie, the language of the item before wins."""
    token = tokens[j]
    if _WRITTEN_DIGITS.fullmatch(token.text):
        return _Item((Piece(token.text, token.start, token.end, literal=True),), _WRITTEN, j + 1)
    times = lexicon.repeaters.get(token.lower)
    if times is not None:
        repeated = _repeat(text, tokens, j, grammars, times)
        if repeated is not None:
            return repeated
    ordered = sorted(grammars, key=lambda g: g.language != prefer)
    best: _Item | None = None
    for grammar in ordered:
        found = _phrase(text, tokens, j, grammar)
        if found is not None and (best is None or found.next > best.next):
            best = found
    return best


def _separator(
    text: str, tokens: list[Token], j: int, lexicon: SpokenLexicon
) -> tuple[tuple[Piece, ...], int] | None:
    """A comma (dropped) or a dash, written or spoken, at token j inside a run; else None."""
    if j + 1 >= len(tokens) or not only_space_between(text, tokens[j - 1], tokens[j]):
        return None
    if not only_space_between(text, tokens[j], tokens[j + 1]):
        return None
    token = tokens[j]
    if token.text == ",":
        return (), j + 1
    if token.text == "-" or lexicon.symbols.get(token.lower) == "-":
        return (Piece("-", token.start, token.end, literal=token.text == "-"),), j + 1
    return None


def _with_company(items: list[_Item]) -> list[_Item]:
    """Items up to the first weak phrase with no phrase of its language beside it.

    "one to three" read in English and Norwegian stays "one" and not "123".
    """
    for k, item in enumerate(items):
        if item.strength != _WEAK:
            continue
        neighbours = items[max(0, k - 1) : k] + items[k + 1 : k + 2]
        if not any(n.language == item.language for n in neighbours):
            return items[:k]
    return items


def read_number(
    text: str,
    tokens: list[Token],
    i: int,
    grammars: Sequence[CardinalGrammar],
    lexicon: SpokenLexicon,
) -> tuple[Unit, int] | None:
    """The number run starting at token i, and the index after it; None when there is none."""
    prefix_pieces: tuple[Piece, ...] = ()
    j = i
    prefix = lexicon.number_prefixes.get(tokens[i].lower)
    if prefix is not None and i + 1 < len(tokens) and only_space_between(text, *tokens[i : i + 2]):
        prefix_pieces = (Piece(prefix, tokens[i].start, tokens[i].end),)
        j = i + 1
    items: list[_Item] = []
    separator: tuple[Piece, ...] = ()
    while j < len(tokens):
        if items and not only_space_between(text, tokens[j - 1], tokens[j]):
            break
        prefer = items[-1].language if items else None
        item = _item(text, tokens, j, grammars, lexicon, prefer)
        if item is None:
            break
        items.append(replace(item, pieces=separator + item.pieces))
        j, separator = item.next, ()
        after = _separator(text, tokens, j, lexicon)
        if after is None or _item(text, tokens, after[1], grammars, lexicon, prefer) is None:
            continue
        separator, j = after
    items = _with_company(items)
    if items and items[0].article_first and not prefix_pieces:
        return None  # the number is read from the next word on
    if not items or all(item.strength == _WEAK for item in items):
        return None
    pieces = prefix_pieces + tuple(p for item in items for p in item.pieces)
    spoken = bool(prefix_pieces) or any(item.strength != _WRITTEN for item in items)
    digit_count = sum(ch.isdigit() for piece in pieces for ch in piece.text)
    # A lone "one" stays a word; "triple nine" and "noll sju" are numbers.
    unit = Unit(
        UnitKind.NUMBER,
        tokens[i].start,
        tokens[items[-1].next - 1].end,
        pieces,
        stands_alone=spoken and digit_count >= 2,
    )
    return unit, items[-1].next
