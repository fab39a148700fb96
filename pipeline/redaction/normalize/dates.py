"""Spoken dates: "the twelfth of March" is "12 March", "den tolfte mars" is "12 mars"."""

from __future__ import annotations

from pipeline.redaction.normalize.lexicon import SpokenLexicon
from pipeline.redaction.normalize.tokens import Token, only_space_between
from pipeline.redaction.normalize.units import Piece, Unit, UnitKind

_LONGEST_ORDINAL = 3  # "en og tyvende"


def _adjacent(text: str, tokens: list[Token], k: int) -> bool:
    """True when token k exists and only spaces separate it from token k - 1."""
    return k < len(tokens) and only_space_between(text, tokens[k - 1], tokens[k])


def _ordinal(
    text: str, tokens: list[Token], j: int, lexicon: SpokenLexicon
) -> tuple[int, int] | None:
    """A day ordinal (1 to 31) of one to three words at token j: its day and the next index."""
    if j >= len(tokens) or tokens[j].lower not in lexicon.phrase_starts:
        return None
    for length in range(min(_LONGEST_ORDINAL, len(tokens) - j), 0, -1):
        if not all(_adjacent(text, tokens, k) for k in range(j + 1, j + length)):
            continue
        day = lexicon.ordinals.get(" ".join(t.lower for t in tokens[j : j + length]))
        if day is not None:
            return day, j + length
    return None


def _is_month(token: Token, lexicon: SpokenLexicon, linked: bool) -> bool:
    """A month name; "may" and "march" only after "of" or with a capital letter."""
    if token.lower not in lexicon.months:
        return False
    return linked or token.lower not in lexicon.ambiguous_months or token.text[0].isupper()


def _day_first(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """[the] ORDINAL [of] MONTH."""
    j = i + 1 if tokens[i].lower in lexicon.date_articles and _adjacent(text, tokens, i + 1) else i
    ordinal = _ordinal(text, tokens, j, lexicon)
    if ordinal is None:
        return None
    day, k = ordinal
    linked = _adjacent(text, tokens, k) and tokens[k].lower in lexicon.date_links
    month_at = k + 1 if linked else k
    if not _adjacent(text, tokens, month_at) or not _is_month(tokens[month_at], lexicon, linked):
        return None
    month = tokens[month_at]
    said_day = Piece(f"{day} ", tokens[i].start, tokens[month_at - 1].end)
    pieces = (said_day, Piece(month.text, month.start, month.end, literal=True))
    return Unit(UnitKind.DATE, tokens[i].start, month.end, pieces, stands_alone=True), month_at + 1


def _month_first(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """MONTH [the] ORDINAL."""
    month = tokens[i]
    if not _is_month(month, lexicon, linked=False) or not _adjacent(text, tokens, i + 1):
        return None
    j = i + 1
    if tokens[j].lower in lexicon.date_articles and _adjacent(text, tokens, j + 1):
        j += 1
    ordinal = _ordinal(text, tokens, j, lexicon)
    if ordinal is None:
        return None
    day, k = ordinal
    said_day = Piece(f" {day}", tokens[i + 1].start, tokens[k - 1].end)
    pieces = (Piece(month.text, month.start, month.end, literal=True), said_day)
    return Unit(UnitKind.DATE, month.start, tokens[k - 1].end, pieces, stands_alone=True), k


def read_date(
    text: str, tokens: list[Token], i: int, lexicon: SpokenLexicon
) -> tuple[Unit, int] | None:
    """A spoken day and month at token i, and the index after it; None when there is none."""
    # The day becomes digits and the month stays as said, so "the twelfth of March nineteen
    # eighty one" reads "12 March 1981" once the year run is read too.
    if not lexicon.ordinals:
        return None
    return _day_first(text, tokens, i, lexicon) or _month_first(text, tokens, i, lexicon)
