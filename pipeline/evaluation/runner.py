"""Runs a redaction system over a corpus, timing analysis alone, and scores what it found."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from pipeline.evaluation.corpus import UNKNOWN, Sample
from pipeline.evaluation.metrics import EvaluationResult, evaluate
from pipeline.redaction.span import Span

# (text, language) -> spans with varsam entity types; what a system under test offers.
AnalyzeFn = Callable[[str, str | None], Sequence[Span]]


def predict(
    samples: Sequence[Sample], analyze: AnalyzeFn, done: Callable[[], None] | None = None
) -> tuple[list[list[Span]], float]:
    """Spans for each sample and the seconds spent inside `analyze` only.

    The first sample is analysed once untimed beforehand, so lazy model set-up is not counted.
    `done` is called after each sample (progress).
    """
    if samples:
        analyze(samples[0].full_text, _language(samples[0]))
    predictions: list[list[Span]] = []
    seconds = 0.0
    for sample in samples:
        started = time.perf_counter()
        spans = analyze(sample.full_text, _language(sample))
        seconds += time.perf_counter() - started
        predictions.append(list(spans))
        if done is not None:
            done()
    return predictions, seconds


def run_evaluation(
    system: str,
    samples: Sequence[Sample],
    analyze: AnalyzeFn,
    done: Callable[[], None] | None = None,
) -> EvaluationResult:
    """Analyse every sample with `analyze` and score the result; `done` after each sample."""
    predictions, seconds = predict(samples, analyze, done)
    return evaluate(system, samples, predictions, seconds)


def _language(sample: Sample) -> str | None:
    return None if sample.language == UNKNOWN else sample.language
