"""Prometheus metrics: requests, calls by state, stage latency, DLQ, deletion latency,
redactions by type. Labels are routes, states, stages and entity types: never ids."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily

from pipeline import events
from pipeline.errors import VarsamError
from workers.service import Service

# The *_created series double every counter's output for no use here.
disable_created_metrics()

DELETION_BUCKETS = (0.5, 1, 2, 5, 10, 30, 60, 300, 3600)
STAGE_NAMES = {
    events.CONSENT: "purge",
    events.RECORDINGS: "ingest",
    events.INGESTED: "transcribe",
    events.TRANSCRIBED: "redact",
}


class Metrics:
    """The app's registry; the pipeline thread feeds stage latency and redaction counts."""

    def __init__(self, borrow: Callable[[], AbstractContextManager[Service]]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "varsam_api_requests",
            "API requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.stage_seconds = Histogram(
            "varsam_stage_seconds",
            "Seconds a pipeline stage spent on one event (embedded mode: this process).",
            ["stage"],
            buckets=(0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300),
            registry=self.registry,
        )
        self.redactions = Counter(
            "varsam_redactions",
            "Personal data values redacted, by entity type (embedded mode: this process).",
            ["type"],
            registry=self.registry,
        )
        self.registry.register(_StoreCollector(borrow))

    def on_handled(self, topic: str, seconds: float, outputs: list[events.Event]) -> None:
        """Observe one event the embedded pipeline handled."""
        self.stage_seconds.labels(STAGE_NAMES.get(topic, "other")).observe(seconds)
        for out in outputs:
            if isinstance(out, events.CallRedacted):
                for kind, count in out.entity_counts.items():
                    self.redactions.labels(kind).inc(count)


class _StoreCollector:
    """What the store and queue say at scrape time; completed receipts are read only once."""

    def __init__(self, borrow: Callable[[], AbstractContextManager[Service]]) -> None:
        self.borrow = borrow
        self._lock = threading.Lock()
        self._latency: dict[str, float] = {}

    def describe(self) -> list:
        return []

    def collect(self):
        with self.borrow() as service:
            states = service.call_states()
            dead = service.dead_letter_count()
            latencies = self._deletion_latencies(service)
        calls = GaugeMetricFamily(
            "varsam_calls", "Calls in the store, by stage reached.", labels=["state"]
        )
        for state, count in states.items():
            calls.add_metric([state], count)
        yield calls
        if dead is not None:
            yield GaugeMetricFamily(
                "varsam_dlq_events", "Events given up on (dead-lettered).", value=dead
            )
        buckets, total = [], 0.0
        for bound in DELETION_BUCKETS:
            buckets.append((str(bound), sum(1 for v in latencies if v <= bound)))
        buckets.append(("+Inf", len(latencies)))
        total = sum(latencies)
        yield HistogramMetricFamily(
            "varsam_deletion_latency_seconds",
            "Seconds from a deletion's acceptance to its completed receipt.",
            buckets=buckets,
            sum_value=total,
        )

    def _deletion_latencies(self, service: Service) -> list[float]:
        store = service.ctx.store
        with self._lock:
            for key in store.list("requests/"):
                request_id = key.removeprefix("requests/").removesuffix(".json")
                if request_id in self._latency:
                    continue
                try:
                    receipt = service.find_receipt(request_id)
                except VarsamError:
                    continue
                if (
                    receipt is not None
                    and receipt.state == "completed"
                    and receipt.completed_at is not None
                ):
                    seconds = (receipt.completed_at - receipt.accepted_at).total_seconds()
                    self._latency[request_id] = max(seconds, 0.0)
            return list(self._latency.values())
