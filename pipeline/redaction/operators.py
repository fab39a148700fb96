"""Operators that replace spans (tag, surrogate, hash), and the policy that picks one per type."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Protocol

from pipeline.errors import InvalidRequest
from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.names import NameBook
from pipeline.redaction.shapes import normalized
from pipeline.redaction.span import Span
from pipeline.redaction.surrogates import fake_person, make_surrogate

# Hex characters of a hash operator's digest: 32 bits, enough to tell a call's values apart.
HASH_CHARS = 8
# Draws before a surrogate gives up on finding a fake that is safe and unused (then: tag).
MAX_DRAWS = 32


class UnknownOperator(InvalidRequest):
    """A redaction policy names an operator varsam does not have."""

    reason = "unknown_operator"


class SpanOutOfRange(InvalidRequest):
    """A span points past the end of the text it should redact."""

    reason = "span_out_of_range"


class MissingRedactionSecret(InvalidRequest):
    """A keyed operator (surrogate, hash) was asked for without a secret key."""

    reason = "missing_redaction_secret"


class Operator(Protocol):
    """Replaces one span's value; may keep state for one call (a surrogate's memory)."""

    def __call__(self, value: str, span: Span) -> str:
        """Return the replacement for `value`, the text under `span`."""
        ...


@dataclass(frozen=True)
class OperatorScope:
    """What an operator instance serves: one call (its id and language), under a secret key."""

    secret: bytes = field(default=b"", repr=False)
    call_id: str = ""
    language: str | None = None

    def key(self, purpose: str) -> bytes:
        """A key for one purpose, derived from the secret; refuses to work without one."""
        if not self.secret:
            raise MissingRedactionSecret("this redaction operator needs a secret key")
        return hmac.new(self.secret, purpose.encode(), hashlib.sha256).digest()


def tag(value: str, span: Span) -> str:
    """Replace the value with its entity type in brackets: "[PERSON]"."""
    return f"[{span.entity_type}]"


class HashOperator:
    """A keyed digest: "<PERSON:3f9a1c2b>"; one value gives one digest under one key.

    The same value gets the same digest in every call (linkable pseudonyms); without the key
    the digest cannot be reversed by trying every personnummer.
    """

    def __init__(self, scope: OperatorScope) -> None:
        self._key = scope.key("varsam-hash")

    def __call__(self, value: str, span: Span) -> str:
        message = f"{span.entity_type}\0{normalized(value)}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).hexdigest()[:HASH_CHARS]
        return f"<{span.entity_type}:{digest}>"


class SurrogateOperator:
    """A realistic fake per value, the same fake for the same value throughout one call.

    Every draw is seeded from the call's key and the value, so redelivery of the same call
    reproduces the same fakes, and another call gets others. A fake never equals or contains
    the value it replaces; no two values of a call share a fake.
    """

    def __init__(self, scope: OperatorScope) -> None:
        self._seed = scope.key(f"varsam-surrogate\0{scope.call_id}")
        self._language = scope.language
        self._fakes: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()
        self._names = NameBook(scope.language)

    def __call__(self, value: str, span: Span) -> str:
        if span.entity_type == "PERSON":
            # Names are remembered part by part (NameBook), and each mention keeps its case.
            rng = self._rng(f"PERSON\0{normalized(value)}")
            made = fake_person(value, rng, self._language, self._names)
            return made if is_safe_fake(made, value) else tag(value, span)
        key = (span.entity_type, normalized(value))
        if key not in self._fakes:
            self._fakes[key] = self._draw(value, span.entity_type)
            self._used.add(normalized(self._fakes[key]))
        return self._fakes[key]

    def _draw(self, value: str, entity_type: str) -> str:
        for attempt in range(MAX_DRAWS):
            rng = self._rng(f"{entity_type}\0{normalized(value)}\0{attempt}")
            fake = make_surrogate(entity_type, value, rng, self._language, self._names)
            if is_safe_fake(fake, value) and normalized(fake) not in self._used:
                return fake
        return tag(value, Span(0, 1, entity_type))  # no safe fake found: fall back to the tag

    def _rng(self, label: str) -> Random:
        digest = hmac.new(self._seed, label.encode(), hashlib.sha256).digest()
        return Random(int.from_bytes(digest, "big"))


def is_safe_fake(fake: str, value: str) -> bool:
    """True when `fake` neither equals nor contains `value` (letters and digits compared).

    Values of one or two characters only have to differ: any text may contain an "e".
    """
    real, made = normalized(value), normalized(fake)
    return bool(made) and real != made and (len(real) < 3 or real not in made)


# Factories, so a stateful operator (a surrogate's memory) gets a fresh instance per call.
OPERATORS: dict[str, Callable[[OperatorScope], Operator]] = {
    "tag": lambda scope: tag,
    "surrogate": SurrogateOperator,
    "hash": HashOperator,
}


def make_operator(name: str, scope: OperatorScope | None = None) -> Operator:
    """A new instance of the operator registered under `name`, serving `scope`."""
    try:
        factory = OPERATORS[name]
    except KeyError:
        raise UnknownOperator(f"unknown redaction operator {name!r}") from None
    return factory(scope or OperatorScope())


@dataclass(frozen=True)
class RedactionPolicy:
    """Which operator each entity type gets, as data: {"PERSON": "surrogate"}; others `default`.

    `secret` keys the surrogate and hash operators; it never appears in a repr.
    """

    default: str = "tag"
    by_type: Mapping[str, str] = field(default_factory=dict)
    secret: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        for name in {self.default, *self.by_type.values()}:
            if name not in OPERATORS:
                raise UnknownOperator(f"unknown redaction operator {name!r}")

    def operator_for(self, entity_type: str) -> str:
        """The name of the operator that replaces values of `entity_type`."""
        return self.by_type.get(entity_type, self.default)

    def build(self, call_id: str = "", language: str | None = None) -> Operator:
        """One operator for one call that dispatches on entity type."""
        scope = OperatorScope(self.secret, call_id, language)
        names = {self.default, *self.by_type.values()}
        instances = {name: make_operator(name, scope) for name in names}

        def apply(value: str, span: Span) -> str:
            return instances[self.operator_for(span.entity_type)](value, span)

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
