"""The Analyzer: runs recognizers on a text and its spoken-form normalization, merges spans.

A long text (a long call's transcript, a big line of the jsonl protocol) is analyzed in
overlapping windows: spaCy refuses a text over `nlp.max_length` (1,000,000 characters) and
needs about a gigabyte per 100,000 characters, and the recognizers' cost grows with the text.
Windows overlap by `chunk_overlap` characters and are cut at whitespace, so any value shorter
than the overlap lies whole in at least one window; a value cut at a window's edge is found
whole in the next one too, and the merge keeps their union (recall first).
"""

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
# Characters per window; well under spaCy's 1,000,000 and its memory of ~1 GB per 100,000.
DEFAULT_CHUNK_CHARS = 100_000
# Longer than any single value (an address with its postcode, a spelled-out email) plus the
# context words before it that recognizers look at.
DEFAULT_CHUNK_OVERLAP = 2_000


@dataclass(frozen=True)
class Analyzer:
    """Finds personal data in transcript text; spans come back in original offsets."""

    recognizers: tuple[Recognizer, ...]
    normalize: bool = True
    # A floor for every type; `floors` then sets each type's own (sensitive types: recall first).
    min_score: float = 0.0
    floors: ScoreFloors = field(default_factory=ScoreFloors)
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP

    def __post_init__(self) -> None:
        if not 0 < 2 * self.chunk_overlap < self.chunk_chars:
            raise ValueError("chunk_overlap must be positive and under half of chunk_chars")

    @classmethod
    def default(
        cls,
        ner: NerModel | None = None,
        customer_id_patterns: Sequence[str] | None = None,
        min_scores: Mapping[str, float] | ScoreFloors | None = None,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
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
        overlap = min(DEFAULT_CHUNK_OVERLAP, max(1, chunk_chars // 4))
        return cls(
            tuple(recognizers), floors=floors, chunk_chars=chunk_chars, chunk_overlap=overlap
        )

    def analyze(self, text: str, language: str | None = None) -> list[Span]:
        """Sorted, non-overlapping spans of personal data in `text`.

        Recognizers run on the text as written and, when spoken forms were found, on its
        normalized form too; spans from the latter are mapped back to original offsets. A text
        longer than `chunk_chars` is analyzed window by window (see the module's docstring).
        """
        if len(text) <= self.chunk_chars:
            return self._analyze_window(text, language)
        spans: list[Span] = []
        for start, end in windows(text, self.chunk_chars, self.chunk_overlap):
            spans += [
                replace(s, start=s.start + start, end=s.end + start)
                for s in self._analyze_window(text[start:end], language)
            ]
        return merge_overlapping(spans)

    def _analyze_window(self, text: str, language: str | None) -> list[Span]:
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


def windows(text: str, size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) of windows of at most `size` characters covering `text`, each overlapping
    the one before by at least `overlap`; cuts fall on whitespace where there is any nearby."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + size, len(text))
        if end < len(text):
            # Cut after the last whitespace in the window's final stretch, so no word is split.
            cut = max(text.rfind(ch, end - overlap // 2, end) for ch in " \n\t")
            end = cut + 1 if cut > start else end
        bounds.append((start, end))
        if end >= len(text):
            return bounds
        next_start = end - overlap
        # Start on a word's beginning, within the overlap's first half, where one is near.
        space = max(text.rfind(ch, next_start - overlap // 2, next_start) for ch in " \n\t")
        start = space + 1 if space > start else next_start


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
