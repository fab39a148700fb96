"""The one overlap strategy: union overlapping spans, name the union after its strongest span."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.redaction.entities import sensitivity
from pipeline.redaction.span import Span

STRATEGY = "widest-union-highest-score"


def _strength(span: Span) -> tuple[float, int]:
    return (span.score, sensitivity(span.entity_type))


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping spans into their union; the highest score (then sensitivity) names it.

    Returns sorted, non-overlapping spans. Touching spans (one ends where the next starts) stay
    apart so each keeps its own tag.
    """
    merged: list[Span] = []
    cluster: list[Span] = []
    cluster_end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if cluster and span.start >= cluster_end:
            merged.append(_union(cluster))
            cluster = []
        cluster.append(span)
        cluster_end = max(cluster_end, span.end) if len(cluster) > 1 else span.end
    if cluster:
        merged.append(_union(cluster))
    return merged


def _union(cluster: list[Span]) -> Span:
    best = max(cluster, key=_strength)
    return Span(
        start=min(s.start for s in cluster),
        end=max(s.end for s in cluster),
        entity_type=best.entity_type,
        score=best.score,
        recognizer=best.recognizer,
    )
