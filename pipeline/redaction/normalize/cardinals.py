"""Number words to digit groups: "nitton åttioett" is 19 and 81, "one hundred and five" is 105."""

# A phrase of number words splits into groups the way people say identifiers: each group is one
# cardinal ("twenty three", "nittonhundraåttioett"), and groups said one after another are
# written one after another ("nineteen eighty" -> "19" "80" -> "1980"). The Nordic grammar is
# ours; English and Danish phrases are valued by text2num (its `find_numbers` gives each number's
# word range, which keeps the offset map exact).

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import find_numbers

from pipeline.redaction.normalize.lexicon import SpokenLexicon

CONNECTOR = -1  # the morpheme value of "and", "og"
MAX_NUMBER_WORD = 40  # longer words are never split into morphemes ("halvtredsindstyve" is 17)
_SCALES = (100, 1000)
_SCALE_KINDS = ("hundred", "thousand")


@dataclass(frozen=True)
class Group:
    """One number said as a whole: words[first..last] (inclusive) are written `digits`."""

    first: int
    last: int
    digits: str


def _kind(value: int) -> str:
    if value == CONNECTOR:
        return "and"
    if value == 0:
        return "zero"
    if value < 10:
        return "unit"
    if value < 20:
        return "teen"
    if value < 100:
        return "tens"
    return "hundred" if value == 100 else "thousand"


@dataclass(frozen=True)
class _State:
    """A cardinal being read: `total` thousands already closed, `block` the part below."""

    total: int = 0
    block: int = 0
    last: str | None = None
    before_and: str | None = None
    has_hundred: bool = False

    @property
    def digits(self) -> str:
        return str(self.total + self.block)


_EMPTY = _State()


def _step(state: _State, value: int, inverted: bool) -> _State | None:
    """`state` with one more morpheme, or None when the morpheme starts a new number."""
    kind, last = _kind(value), state.last
    if last is None:
        if kind in ("and", "zero"):
            return None if kind == "and" else _State(last="zero")
        if kind == "thousand":
            return _State(total=1000, last=kind)
        return _State(block=value, last=kind, has_hundred=kind == "hundred")
    if last == "zero" or kind == "zero":
        return None  # a zero is a number of its own: "noll sju", "hundred zero"
    after_scale = last in _SCALE_KINDS or (last == "and" and state.before_and in _SCALE_KINDS)
    low = state.block % 100
    if kind == "unit":
        if (last == "tens" and low % 10 == 0) or (after_scale and low == 0):
            return replace(state, block=state.block + value, last=kind)
        return None
    if kind in ("teen", "tens"):
        if after_scale and low == 0:
            return replace(state, block=state.block + value, last=kind)
        if kind == "tens" and last == "and" and state.before_and == "unit" and inverted:
            return replace(state, block=state.block + value, last=kind)
        return None
    if kind == "hundred":
        if last in ("unit", "teen") and not state.has_hundred and 0 < state.block < 100:
            return replace(state, block=state.block * 100, last=kind, has_hundred=True)
        return None
    if kind == "thousand":
        if state.total == 0 and 0 < state.block < 1000 and last != "and":
            return _State(total=state.block * 1000, last=kind)
        return None
    # A connector: after a scale word, or between a unit and its tens ("en og tyve").
    if last in _SCALE_KINDS or (inverted and last == "unit" and low < 10):
        return replace(state, last="and", before_and=last)
    return None


def _feed(state: _State, values: Sequence[int], inverted: bool) -> _State | None:
    for value in values:
        next_state = _step(state, value, inverted)
        if next_state is None:
            return None
        state = next_state
    return state


class CardinalGrammar:
    """Reads the number words of one language; `weak` words count only beside strong ones."""

    def __init__(self, lexicon: SpokenLexicon, extra_weak: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.language = lexicon.language
        self.weak = lexicon.weak_words | (extra_weak & set(lexicon.numbers))
        self._pieces = {**lexicon.numbers, **dict.fromkeys(lexicon.connectors, CONNECTOR)}
        self._longest = max((len(p) for p in self._pieces), default=0)
        self.morphemes = lru_cache(maxsize=4096)(self._morphemes)

    def _morphemes(self, word: str) -> tuple[int, ...] | None:
        """The morpheme values of a number word said as one number, or None for other words.

        "tjugotre" and "twenty-three" are number words; "entre" (en + tre) is not, since a word
        written together is one number.
        """
        if word in self.lexicon.numbers:
            return (self.lexicon.numbers[word],)
        if len(word) > MAX_NUMBER_WORD:
            return None
        for values in self._splits(word.replace("-", "")):
            state = _feed(_EMPTY, values, self.lexicon.inverted)
            if state is not None and state.last not in (None, "and"):
                return values
        return None

    def _splits(self, word: str) -> Iterator[tuple[int, ...]]:
        """Every way to write `word` as morphemes, longest first morpheme first."""
        if not word:
            yield ()
            return
        for length in range(min(self._longest, len(word)), 0, -1):
            value = self._pieces.get(word[:length])
            if value is not None:
                for rest in self._splits(word[length:]):
                    yield (value, *rest)

    def is_number_word(self, word: str) -> bool:
        """True for a number word of this language, alone or written together."""
        return word in self.lexicon.spoken_zeros or self.morphemes(word) is not None

    def is_scale(self, word: str) -> bool:
        """True for a word made of scale words only: "hundred", "tusen", "tiotusen" is not."""
        values = self.morphemes(word)
        return values is not None and all(v in _SCALES for v in values)

    def is_weak(self, word: str) -> bool:
        """True for a word that is a number only beside others: "en", "oh", "tusen" alone."""
        return word in self.weak or word in self.lexicon.scale_articles or self.is_scale(word)

    def read(self, words: Sequence[str]) -> list[Group]:
        """Groups for a phrase of number words, from its first word on, up to where it stops.

        Connectors and articles are in the phrase; a group may end before them.
        """
        if self.lexicon.evaluator == "text2num":
            return _Text2Num(self).read(words)
        return self._read_grammar(words)

    def _read_grammar(self, words: Sequence[str]) -> list[Group]:
        groups: list[Group] = []
        state, first, k = _EMPTY, 0, 0
        inverted = self.lexicon.inverted
        while k < len(words):
            word = words[k]
            if word in self.lexicon.spoken_zeros:
                groups += [*self._close(state, first, k - 1), Group(k, k, "0")]
                state, first, k = _EMPTY, k + 1, k + 1
                continue
            if word in self.lexicon.connectors:
                following = self.morphemes(words[k + 1]) if k + 1 < len(words) else None
                joined = _feed(state, (CONNECTOR, *following), inverted) if following else None
                if joined is None:
                    break
                state, k = joined, k + 2
                continue
            article = word in self.lexicon.scale_articles  # "a hundred" starts a number
            values = (1,) if article else self.morphemes(word)
            if values is None:
                break
            joined = _feed(state, values, inverted) if state.last and not article else None
            if joined is None:
                groups += self._close(state, first, k - 1)
                joined, first = _feed(_EMPTY, values, inverted), k
            state, k = joined or _EMPTY, k + 1
        return groups + self._close(state, first, k - 1)

    @staticmethod
    def _close(state: _State, first: int, last: int) -> list[Group]:
        return [] if state.last is None else [Group(first, last, state.digits)]


@dataclass(frozen=True)
class _Word:
    """A word as text2num's `find_numbers` reads it."""

    word: str

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: _Word) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


@dataclass(frozen=True)
class _Text2Num:
    """text2num values the phrase; spoken zeros ("oh") it does not know are read here."""

    grammar: CardinalGrammar

    def read(self, words: Sequence[str]) -> list[Group]:
        groups: list[Group] = []
        lexicon = self.grammar.lexicon
        start = 0
        for k in [*range(len(words)), len(words)]:
            if k < len(words) and words[k] not in lexicon.spoken_zeros:
                continue
            segment = _text2num_groups(
                lexicon.language, tuple(words[start:k]), start, lexicon.scale_articles
            )
            groups += segment
            covered = segment[-1].last + 1 if segment else start
            if covered < k:
                return groups
            if k < len(words):
                groups.append(Group(k, k, "0"))
            start = k + 1
        return groups


@lru_cache(maxsize=4096)
def _text2num_groups(
    language: str, words: tuple[str, ...], offset: int, articles: frozenset[str]
) -> list[Group]:
    """text2num's numbers in `words`, contiguous from the first word; an article joins its
    number ("a hundred")."""
    if not words:
        return []
    groups: list[Group] = []
    expected = 0
    for occurrence in find_numbers([_Word(w) for w in words], language, 0.0):
        digits = occurrence.text
        first = occurrence.start
        if first == expected + 1 and words[expected] in articles:
            first = expected
        if first != expected or occurrence.is_ordinal or not digits.isdigit():
            break
        groups.append(Group(first + offset, occurrence.end - 1 + offset, digits))
        expected = occurrence.end
    return groups
