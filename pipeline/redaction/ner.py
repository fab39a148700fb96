"""Names, places and organisations from an injected NER model (spaCy lives in models/)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.redaction.entities import EntityType
from pipeline.redaction.span import Span

# Below validated identifiers (0.7+): spaCy's small model labels spoken digit runs as ORG or
# DATE, and a validated phone number must keep its own type when the two overlap.
NER_SCORE = 0.65

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

    def analyze(self, text: str) -> list[Span]:
        """Return a span for each entity whose label maps to a varsam entity type."""
        spans = []
        for start, end, label in self.model.entities(text):
            entity_type = self.label_map.get(label)
            if entity_type is not None and 0 <= start < end <= len(text):
                spans.append(Span(start, end, str(entity_type), self.score, self.name))
        return spans
