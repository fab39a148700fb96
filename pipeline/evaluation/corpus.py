"""Labelled corpora in presidio-research's JSON format: samples with gold spans, load and dump."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InvalidRequest
from pipeline.evaluation.entity_map import canonical_type

UNKNOWN = "unknown"


class InvalidCorpus(InvalidRequest):
    """A corpus file that is not a presidio-research JSON list, or a span that does not fit."""

    reason = "invalid_corpus"


@dataclass(frozen=True)
class GoldSpan:
    """A labelled entity: text[start_position:end_position] == entity_value."""

    entity_type: str
    entity_value: str
    start_position: int
    end_position: int


@dataclass(frozen=True)
class Sample:
    """One labelled utterance; `form` is "written" or "spoken" (from metadata)."""

    full_text: str
    spans: tuple[GoldSpan, ...]
    language: str = UNKNOWN
    form: str = UNKNOWN
    metadata: Mapping[str, Any] = field(default_factory=dict)


def parse_sample(item: Mapping[str, Any], index: int = 0) -> Sample:
    """A Sample from one presidio-research record; entity types are mapped to varsam's."""
    text = item.get("full_text")
    if not isinstance(text, str):
        raise InvalidCorpus(f"item {index}: full_text must be a string")
    metadata = item.get("metadata") or {}
    spans = []
    for raw in item.get("spans") or []:
        try:
            span = GoldSpan(
                canonical_type(str(raw["entity_type"])),
                str(raw["entity_value"]),
                int(raw["start_position"]),
                int(raw["end_position"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidCorpus(f"item {index}: malformed span") from exc
        if not 0 <= span.start_position < span.end_position <= len(text):
            raise InvalidCorpus(f"item {index}: span {span.start_position}..{span.end_position}")
        spans.append(span)
    return Sample(
        full_text=text,
        spans=tuple(sorted(spans, key=lambda s: (s.start_position, s.end_position))),
        language=str(item.get("language") or metadata.get("language") or UNKNOWN),
        form=str(item.get("form") or metadata.get("form") or UNKNOWN),
        metadata=metadata,
    )


def parse_corpus(items: Any) -> list[Sample]:
    """Samples from a decoded presidio-research JSON document (a list of records)."""
    if not isinstance(items, list):
        raise InvalidCorpus("a corpus is a JSON list of {full_text, spans} records")
    return [parse_sample(item, i) for i, item in enumerate(items)]


def load_corpus(path: str | Path) -> list[Sample]:
    """Samples from a presidio-research JSON file."""
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidCorpus(f"cannot read corpus {path}: {type(exc).__name__}") from exc
    return parse_corpus(items)


def sample_to_record(sample: Sample) -> dict[str, Any]:
    """The presidio-research record for `sample` (InputSample.from_json accepts it)."""
    return {
        "full_text": sample.full_text,
        "spans": [
            {
                "entity_type": s.entity_type,
                "entity_value": s.entity_value,
                "start_position": s.start_position,
                "end_position": s.end_position,
            }
            for s in sample.spans
        ],
        "metadata": {**sample.metadata, "form": sample.form, "language": sample.language},
    }


def dump_corpus(samples: Iterable[Sample]) -> str:
    """JSON text of `samples`, one record a line so that diffs stay readable."""
    lines = [json.dumps(sample_to_record(s), ensure_ascii=False) for s in samples]
    return "[\n" + ",\n".join(lines) + "\n]\n"
