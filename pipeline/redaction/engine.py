"""The Analyzer: runs recognizers on a text and its spoken-form normalization, merges spans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pipeline.redaction.entities import ScoreFloors
from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.ner import NerModel, NerRecognizer
from pipeline.redaction.normalize import NormalizedText, normalize_spoken
from pipeline.redaction.recognizers import Recognizer, bind, default_recognizers, supports
from pipeline.redaction.span import Span
from pipeline.redaction.widen import widen_to_joined_words

NORMALIZED_SUFFIX = ":spoken"


@dataclass(frozen=True)
class Analyzer:
    """Finds personal data in transcript text; spans come back in original offsets."""

    recognizers: tuple[Recognizer, ...]
    normalize: bool = True
    # A floor for every type; `floors` then sets each type's own (sensitive types: recall first).
    min_score: float = 0.0
    floors: ScoreFloors = field(default_factory=ScoreFloors)

    @classmethod
    def default(
        cls,
        ner: NerModel | None = None,
        customer_id_patterns: Sequence[str] | None = None,
        min_scores: Mapping[str, float] | ScoreFloors | None = None,
    ) -> Analyzer:
        """Every shipped recognizer, plus NER when a model is given.

        `min_scores` maps entity types to the score a span needs to be kept (or is a whole
        ScoreFloors policy); unnamed sensitive types keep every hit.
        """
        recognizers: list[Recognizer] = default_recognizers(customer_id_patterns)
        if ner is not None:
            recognizers.append(NerRecognizer(ner))
        if isinstance(min_scores, ScoreFloors):
            floors = min_scores
        else:
            floors = ScoreFloors(per_type=dict(min_scores or {}))
        return cls(tuple(recognizers), floors=floors)

    def analyze(self, text: str, language: str | None = None) -> list[Span]:
        """Sorted, non-overlapping spans of personal data in `text`.

        Recognizers run on the text as written and, when spoken forms were found, on its
        normalized form too; spans from the latter are mapped back to original offsets.
        """
        active = [bind(r, language) for r in self.recognizers if supports(r, language)]
        spans = [span for r in active for span in r.analyze(text)]
        if self.normalize:
            normalized = normalize_spoken(text, language)
            if normalized.changed:
                spans += _analyze_normalized(normalized, active)
        merged = merge_overlapping(
            s
            for s in spans
            if s.score >= self.min_score and self.floors.keeps(s.entity_type, s.score)
        )
        # Tolerance of recognition errors (issue 8): "[PERSON].witfield.tellier.c" is one word.
        return widen_to_joined_words(text, merged)


def _analyze_normalized(normalized: NormalizedText, recognizers: list[Recognizer]) -> list[Span]:
    spans = []
    for recognizer in recognizers:
        if not recognizer.runs_on_normalized:
            continue
        for span in recognizer.analyze(normalized.text):
            start, end = normalized.to_original(span.start, span.end)
            spans.append(
                replace(span, start=start, end=end, recognizer=span.recognizer + NORMALIZED_SUFFIX)
            )
    return spans
