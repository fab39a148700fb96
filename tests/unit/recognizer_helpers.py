"""Helpers shared by the recognizer tests: what a recognizer (or the analyzer) finds in a text."""

from __future__ import annotations

from pipeline.redaction import Analyzer
from pipeline.redaction.recognizers import Recognizer


def found(recognizer: Recognizer, text: str) -> list[tuple[str, str]]:
    """(matched text, type) for every span `recognizer` finds."""
    return sorted((text[s.start : s.end], s.entity_type) for s in recognizer.analyze(text))


def best_score(recognizer: Recognizer, text: str, value: str) -> float:
    """The highest score `recognizer` gives `value` in `text`."""
    scores = [s.score for s in recognizer.analyze(text) if text[s.start : s.end] == value]
    assert scores, f"{value!r} not found in {text!r}"
    return max(scores)


def analyzed(text: str, language: str | None = None) -> list[tuple[str, str]]:
    """(text, type) of every span the default analyzer (no NER) keeps, in original offsets."""
    spans = Analyzer.default().analyze(text, language)
    return [(text[s.start : s.end], s.entity_type) for s in spans]
