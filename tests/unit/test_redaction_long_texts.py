"""Long texts and long transcripts: analyzed in overlapping windows past the NER model's limit."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.redacted import redact_transcript
from pipeline.redaction import Analyzer
from pipeline.redaction.engine import windows
from pipeline.transcript import Transcript
from tests.fakes import _segment

FILLER = "thanks for calling the support desk, let me look into that for you. "
PHONE = "070-123 45 67"


class LengthLimitedNer:
    """Labels "John Smith" as PERSON; refuses a text over `max_length`, as spaCy does (E088)."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length
        self.longest_seen = 0

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        if len(text) > self.max_length:
            raise ValueError(f"[E088] Text of length {len(text)} exceeds maximum")
        self.longest_seen = max(self.longest_seen, len(text))
        return [(m.start(), m.end(), "PERSON") for m in re.finditer("John Smith", text)]


def filler(n: int) -> str:
    return (FILLER * (n // len(FILLER) + 1))[:n]


def covered(spans, start: int, end: int, entity_type: str) -> bool:
    return any(s.start <= start and end <= s.end and s.entity_type == entity_type for s in spans)


def test_a_text_over_the_ner_models_limit_is_analyzed_in_windows_and_nothing_is_missed() -> None:
    ner = LengthLimitedNer(max_length=12_000)
    analyzer = Analyzer.default(ner=ner, chunk_chars=12_000)
    parts, values = [], []
    for i in range(40):
        parts.append(filler(997 * (i % 7) + 50))
        value, entity_type = ("John Smith", "PERSON") if i % 2 else (PHONE, "PHONE")
        at = sum(map(len, parts)) + len("my number is ")
        parts.append(f"my number is {value} ")
        values.append((at, at + len(value), entity_type))
    text = "".join(parts)
    assert len(text) > 5 * ner.max_length
    spans = analyzer.analyze(text, "en")
    assert ner.longest_seen <= ner.max_length
    for start, end, entity_type in values:
        assert covered(spans, start, end, entity_type), (text[start:end], start)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert [s.start for s in spans] == sorted(s.start for s in spans)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.integers(min_value=0, max_value=3_000), value=st.sampled_from([PHONE, "John Smith"])
)
def test_a_value_on_a_window_edge_is_found_whole(position: int, value: str) -> None:
    # Small windows, so that a few thousand characters cross many edges.
    analyzer = Analyzer(
        Analyzer.default(ner=LengthLimitedNer(10**9)).recognizers,
        chunk_chars=600,
        chunk_overlap=120,
    )
    text = filler(position) + " call " + value + " " + filler(3_000 - position)
    start = position + len(" call ")
    spans = analyzer.analyze(text, "en")
    entity_type = "PHONE" if value == PHONE else "PERSON"
    assert covered(spans, start, start + len(value), entity_type)


@given(
    text=st.text(alphabet=st.sampled_from("ab \n\t"), max_size=3_000),
    size=st.integers(min_value=3, max_value=400),
    data=st.data(),
)
def test_windows_cover_the_text_each_overlapping_the_last(text: str, size: int, data) -> None:
    overlap = data.draw(st.integers(min_value=1, max_value=(size - 1) // 2))
    bounds = windows(text, size, overlap)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for start, end in bounds:
        assert 0 <= start < end <= len(text) or len(text) == 0
        assert end - start <= size
    for (s1, e1), (s2, e2) in itertools.pairwise(bounds):
        assert s1 < s2 and e1 < e2
        assert e1 - s2 >= overlap


def test_a_long_calls_transcript_is_redacted_past_the_ner_models_limit() -> None:
    ner = LengthLimitedNer(max_length=20_000)
    analyzer = Analyzer.default(ner=ner, chunk_chars=20_000)
    segments = tuple(
        _segment(f"{filler(300)} my name is John Smith, call me on {PHONE}", 30.0 * i, "customer")
        for i in range(300)
    )
    transcript = Transcript("long-call", "en", 30.0 * len(segments), segments, "scripted")
    assert sum(len(s.text) for s in segments) > 4 * ner.max_length
    doc = redact_transcript(
        transcript,
        analyzer,
        versions={},
        redacted_at=datetime(2026, 1, 1, tzinfo=UTC),
        source_sha256="0" * 64,
    )
    body = str(doc)
    assert "John Smith" not in body and PHONE not in body
    assert doc["entity_counts"]["PERSON"] >= 300 and doc["entity_counts"]["PHONE"] >= 300


def test_chunk_overlap_must_be_under_half_a_window() -> None:
    with pytest.raises(ValueError):
        Analyzer((), chunk_chars=100, chunk_overlap=50)
