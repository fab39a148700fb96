"""Leak rate, full protection and over-redaction of predicted spans against gold spans."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from pipeline.evaluation.corpus import GoldSpan, Sample
from pipeline.redaction.span import Span

ALL_TYPES = "ALL"
ALL_SAMPLES = "all"


@dataclass(frozen=True)
class Tally:
    """Character and entity counts that add up across samples; rates are derived from them."""

    gold_chars: int = 0
    leaked_chars: int = 0
    entities: int = 0
    protected_entities: int = 0
    predicted_chars: int = 0
    over_chars: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def leak_rate(self) -> float | None:
        """Fraction of gold PII characters no predicted span covers; None without gold."""
        return self.leaked_chars / self.gold_chars if self.gold_chars else None

    @property
    def full_protection(self) -> float | None:
        """Fraction of gold entities with every character covered; None without gold."""
        return self.protected_entities / self.entities if self.entities else None

    @property
    def over_redaction(self) -> float | None:
        """Fraction of predicted characters outside every gold span; None without predictions."""
        return self.over_chars / self.predicted_chars if self.predicted_chars else None


@dataclass(frozen=True)
class EvaluationResult:
    """Tallies by slice ("all", a form, a language, "form/language") and entity type."""

    system: str
    tallies: dict[str, dict[str, Tally]]
    samples: int
    characters: int
    seconds: float
    slices: tuple[str, ...] = field(default=())

    @property
    def chars_per_second(self) -> float:
        """Characters analysed per second of analysis time."""
        return self.characters / self.seconds if self.seconds > 0 else float("inf")

    def tally(self, slice_name: str = ALL_SAMPLES, entity_type: str = ALL_TYPES) -> Tally:
        """The tally of one slice and type (empty when the corpus has none)."""
        return self.tallies.get(slice_name, {}).get(entity_type, Tally())

    def sum_over(self, slice_name: str, entity_types: Iterable[str]) -> Tally:
        """Gold-side tallies of `entity_types` added up within one slice."""
        total = Tally()
        for entity_type in entity_types:
            total += self.tally(slice_name, entity_type)
        return total


def counted(char: str) -> bool:
    """Whether a character carries information: letters and digits, not spaces or dashes."""
    return char.isalnum()


def _positions(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {
        i for start, end in spans for i in range(start, min(end, len(text))) if counted(text[i])
    }


def score_sample(
    text: str, gold: Sequence[GoldSpan], predicted: Sequence[Span]
) -> dict[str, Tally]:
    """Tallies by entity type (and ALL) for one text.

    Coverage is type-agnostic: a gold character is protected by any predicted span, whatever
    its type. Over-redaction is counted per predicted type, and for ALL on the union of spans.
    """
    covered = _positions(text, ((s.start, s.end) for s in predicted))
    gold_positions = _positions(text, ((g.start_position, g.end_position) for g in gold))
    tallies: dict[str, Tally] = defaultdict(Tally)
    for entity in gold:
        chars = _positions(text, [(entity.start_position, entity.end_position)])
        leaked = len(chars - covered)
        tallies[entity.entity_type] += Tally(
            gold_chars=len(chars),
            leaked_chars=leaked,
            entities=1,
            protected_entities=int(not leaked),
        )
    gold_total = sum(tallies.values(), Tally())
    by_type: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in predicted:
        by_type[span.entity_type].append((span.start, span.end))
    for entity_type, ranges in by_type.items():
        chars = _positions(text, ranges)
        tallies[entity_type] += Tally(
            predicted_chars=len(chars), over_chars=len(chars - gold_positions)
        )
    tallies[ALL_TYPES] = gold_total + Tally(
        predicted_chars=len(covered), over_chars=len(covered - gold_positions)
    )
    return dict(tallies)


def slices_of(sample: Sample) -> tuple[str, ...]:
    """The slices a sample counts in: all, its form, its language, and form/language."""
    return (ALL_SAMPLES, sample.form, sample.language, f"{sample.form}/{sample.language}")


def evaluate(
    system: str,
    samples: Sequence[Sample],
    predictions: Sequence[Sequence[Span]],
    seconds: float,
) -> EvaluationResult:
    """Score `predictions` (one list per sample, in order) against the samples' gold spans."""
    if len(samples) != len(predictions):
        raise ValueError(f"{len(samples)} samples but {len(predictions)} predictions")
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for sample, predicted in zip(samples, predictions, strict=True):
        scores = score_sample(sample.full_text, sample.spans, predicted)
        for slice_name in slices_of(sample):
            for entity_type, tally in scores.items():
                tallies[slice_name][entity_type] += tally
    order = sorted(tallies, key=lambda name: (name != ALL_SAMPLES, "/" in name, name))
    return EvaluationResult(
        system=system,
        tallies={name: dict(tallies[name]) for name in order},
        samples=len(samples),
        characters=sum(len(s.full_text) for s in samples),
        seconds=seconds,
        slices=tuple(order),
    )
