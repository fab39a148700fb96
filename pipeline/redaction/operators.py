"""Operators that replace spans, and the redaction policy that picks one per entity type."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.errors import InvalidRequest
from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.span import Span


class UnknownOperator(InvalidRequest):
    """A redaction policy names an operator varsam does not have."""

    reason = "unknown_operator"


class SpanOutOfRange(InvalidRequest):
    """A span points past the end of the text it should redact."""

    reason = "span_out_of_range"


class Operator(Protocol):
    """Replaces one span's value; may keep state for one call (a surrogate's memory)."""

    def __call__(self, value: str, span: Span) -> str:
        """Return the replacement for `value`, the text under `span`."""
        ...


def tag(value: str, span: Span) -> str:
    """Replace the value with its entity type in brackets: "[PERSON]"."""
    return f"[{span.entity_type}]"


# Factories, so a stateful operator ("surrogate": same value -> same fake within a call,
# "hash": salted digest) gets a fresh instance per policy build.
OPERATORS: dict[str, Callable[[], Operator]] = {"tag": lambda: tag}


def make_operator(name: str) -> Operator:
    """A new instance of the operator registered under `name`."""
    try:
        return OPERATORS[name]()
    except KeyError:
        raise UnknownOperator(f"unknown redaction operator {name!r}") from None


@dataclass(frozen=True)
class RedactionPolicy:
    """Which operator each entity type gets, as data: {"PERSON": "tag"}; others get `default`."""

    default: str = "tag"
    by_type: Mapping[str, str] = field(default_factory=dict)

    def build(self) -> Operator:
        """One operator for a call that dispatches on entity type."""
        names = {self.default, *self.by_type.values()}
        instances = {name: make_operator(name) for name in names}

        def apply(value: str, span: Span) -> str:
            return instances[self.by_type.get(span.entity_type, self.default)](value, span)

        return apply


def redact_text(
    text: str, spans: Sequence[Span], operator: Operator | RedactionPolicy | str = "tag"
) -> tuple[str, list[Span]]:
    """Replace each span of `text` using `operator`; return the new text and where spans now lie.

    Overlapping spans are first merged with the one overlap strategy (merge_overlapping).
    """
    if isinstance(operator, str):
        operator = make_operator(operator)
    elif isinstance(operator, RedactionPolicy):
        operator = operator.build()
    parts: list[str] = []
    placed: list[Span] = []
    position = 0
    length = 0
    for span in merge_overlapping(spans):
        if span.end > len(text):
            raise SpanOutOfRange(f"span {span.start}..{span.end} exceeds text length {len(text)}")
        before = text[position : span.start]
        replacement = operator(text[span.start : span.end], span)
        parts += [before, replacement]
        length += len(before)
        placed.append(
            Span(length, length + len(replacement), span.entity_type, span.score, span.recognizer)
        )
        length += len(replacement)
        position = span.end
    parts.append(text[position:])
    return "".join(parts), placed
