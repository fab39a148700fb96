"""Names, places and organisations from an injected NER model (spaCy lives in models/).

Language policy. The shipped model is English; on English text (or an unknown language) its
PERSON / LOCATION / ORGANIZATION spans are kept as they are, except an ORGANIZATION /
LOCATION made only of function words and support-call terms ("IBAN", "DOB", "IP"). On other
languages it labels ordinary words ("mitt personnummer" as PERSON, "IBAN" as ORG), so there:

- a PERSON span is kept when the gazetteer lists one of its words or a cue ("jag heter",
  "herr") stands right before it; else, at a lower score, when every word is capitalised, none
  is a function word, support-call term or a name-that-is-a-word, and a lone word does not
  open a sentence; else it is dropped;
- an ORGANIZATION / LOCATION span is dropped when none of its words is capitalised, or every
  word is a function word or support-call term, or it is an all-caps acronym of such a term;
- any span made of spoken digits ("nio otta sju", which the model calls ORG) is kept, typed
  NUMBER: the label is wrong, but it marks digits that may belong to an identifier split
  across segments or garbled by ASR.

Dropping needs positive evidence that the span is an ordinary word: recall first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from pipeline.redaction.entities import EntityType
from pipeline.redaction.normalize import normalize_spoken
from pipeline.redaction.recognizers.gazetteer import (
    Gazetteer,
    gazetteer_for,
    is_shipped,
    load_gazetteer,
)
from pipeline.redaction.recognizers.name_cues import (
    Token,
    cues_before,
    sentence_initial,
    tokens_of,
)
from pipeline.redaction.span import Span

# Below validated identifiers (0.7+): spaCy's small model labels spoken digit runs as ORG or
# DATE, and a validated phone number must keep its own type when the two overlap.
NER_SCORE = 0.65
# A non-English PERSON span that only capitalisation supports.
CAPITALISED_ONLY_SCORE = 0.5
# Languages whose text the NER model was trained on: its spans are kept unfiltered.
MODEL_LANGUAGES: frozenset[str] = frozenset({"en"})

# spaCy (OntoNotes) labels -> varsam entity types; other labels (DATE, MONEY ...) are ignored.
DEFAULT_LABEL_MAP: Mapping[str, str] = {
    "PERSON": EntityType.PERSON,
    "PER": EntityType.PERSON,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
    "ORG": EntityType.ORGANIZATION,
}


class NerModel(Protocol):
    """A named-entity model: character offsets and spaCy-style labels for a text."""

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, label) for every entity in `text`."""
        ...


@dataclass(frozen=True)
class NerRecognizer:
    """Turns a NerModel's entities into PERSON / LOCATION / ORGANIZATION spans."""

    model: NerModel
    label_map: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LABEL_MAP))
    score: float = NER_SCORE
    name: str = "ner"
    languages: frozenset[str] | None = None
    # Normalized text differs only in digits and symbols, which NER does not label usefully.
    runs_on_normalized: bool = False
    # The transcript's language; None keeps every span (see the module's policy).
    language: str | None = None
    model_languages: frozenset[str] = MODEL_LANGUAGES
    gazetteer: Gazetteer = field(default_factory=load_gazetteer, repr=False)

    def for_language(self, language: str | None) -> NerRecognizer:
        """This recognizer applying the policy for text in `language`."""
        if language == self.language:
            return self
        if is_shipped(self.gazetteer):
            return replace(self, language=language, gazetteer=gazetteer_for(language))
        return replace(self, language=language)

    def analyze(self, text: str) -> list[Span]:
        """Return a span for each entity whose label maps to a varsam type and the policy keeps."""
        entities = [
            (start, end, str(entity_type))
            for start, end, label in self.model.entities(text)
            if (entity_type := self.label_map.get(label)) is not None
            and 0 <= start < end <= len(text)
        ]
        context = _Context.of(text)
        if self.language is None or self.language.split("-")[0] in self.model_languages:
            # Kept as labelled, except an ORG/LOC that is only support-call terms ("IBAN",
            # "DOB", "IP"): the model's commonest false positives in English calls too.
            return [
                Span(s, e, t, self.score, self.name)
                for s, e, t in entities
                if t == EntityType.PERSON or not self._only_terms(context, s, e)
            ]
        spans = []
        for start, end, entity_type in entities:
            words = [w for w in context.tokens if start <= w.start and w.end <= end]
            if _spoken_digits(text[start:end], self.language):
                spans.append(Span(start, end, str(EntityType.NUMBER), self.score, self.name))
                continue
            if entity_type == EntityType.PERSON:
                score = self._judge_person(context, words)
            else:
                score = None if self._ordinary(context.text, words) else self.score
            if score is not None:
                spans.append(Span(start, end, entity_type, score, self.name))
        return spans

    def _judge_person(self, context: _Context, words: list[Token]) -> float | None:
        """NER_SCORE when the gazetteer or a cue supports the name; lower on capitals alone."""
        g = self.gazetteer
        if not words:
            return None
        if any(g.is_name(w.text) for w in words) or context.cued(words[0]):
            return self.score
        if not all(w.capitalised for w in words):
            return None
        if any(
            g.is_stop_word(w.text, self.language) or g.is_ordinary_word(w.text, self.language)
            for w in words
        ):
            return None
        if len(words) == 1 and sentence_initial(context.text, words[0]):
            return None
        return CAPITALISED_ONLY_SCORE

    def _only_terms(self, context: _Context, start: int, end: int) -> bool:
        """True when every word of text[start:end] is a function word or support-call term."""
        words = [w for w in context.tokens if start <= w.start and w.end <= end]
        return bool(words) and all(
            self.gazetteer.is_stop_word(w.text, self.language) for w in words
        )

    def _ordinary(self, text: str, words: list[Token]) -> bool:
        """True when an ORG/LOC span is plainly no name: lower case, or common words only.

        Letters glued to digits ("SE45") are code fragments and count as no word.
        """
        words = [w for w in words if not _glued_to_digit(text, w)]
        if not any(w.text[0].isupper() for w in words):
            return True
        return all(self.gazetteer.is_stop_word(w.text, self.language) for w in words)


@dataclass(frozen=True)
class _Context:
    """A text's tokens and the cues before them, worked out once per analyzed text."""

    text: str
    tokens: list[Token]
    cued_starts: frozenset[int]

    @classmethod
    def of(cls, text: str) -> _Context:
        tokens = tokens_of(text)
        cues = cues_before(text, tokens)
        return cls(text, tokens, frozenset(tokens[i].start for i in cues))

    def cued(self, token: Token) -> bool:
        """True when a cue or title stands right before `token`."""
        return token.start in self.cued_starts


def _spoken_digits(value: str, language: str | None) -> bool:
    """True when normalizing `value` turns at least two spoken words into digits."""
    normalized = normalize_spoken(value, language)
    if not normalized.changed:
        return False
    return sum(ch.isdigit() for ch in normalized.text) - sum(ch.isdigit() for ch in value) >= 2


def _glued_to_digit(text: str, token: Token) -> bool:
    before = text[token.start - 1] if token.start > 0 else ""
    after = text[token.end] if token.end < len(text) else ""
    return before.isdigit() or after.isdigit()
