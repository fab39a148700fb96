"""The service instances behind the API, and the embedded pipeline's background thread."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from config.settings import Settings
from pipeline import events
from pipeline.receipts import Receipt
from pipeline.stages import purge
from workers.runners.embedded import TOPIC_ORDER, Embedded
from workers.service import Service

log = logging.getLogger("varsam.api")


class ServedEmbedded(Embedded):
    """The embedded backend as a request sees it: a flag wakes the pipeline thread, which
    carries it out, instead of the request waiting for the purge."""

    wake: Callable[[], None] = staticmethod(lambda: None)
    carries_out_its_flags = False  # the pipeline thread, another instance, takes the flag

    def after_flag(self) -> None:
        self.wake()

    def receipt(self, request_id: str) -> Receipt:
        return Service.receipt(self, request_id)


class ServicePool:
    """A few service instances (each with its own database connection or Kafka clients),
    lent to one request thread at a time."""

    def __init__(self, factory: Callable[[], Service], size: int) -> None:
        self._factory, self._size = factory, size
        self._free: queue.Queue[Service] = queue.Queue()
        self._made: list[Service] = []
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Service]:
        """Borrow an instance for the block."""
        try:
            service = self._free.get_nowait()
        except queue.Empty:
            with self._lock:
                make = len(self._made) < self._size
                if make:
                    service = self._factory()
                    self._made.append(service)
            if not make:
                service = self._free.get()
        try:
            yield service
        finally:
            self._free.put(service)

    def close(self) -> None:
        """Close every instance made."""
        for service in self._made:
            close = getattr(service, "close", None)
            if close:
                close()
        self._made.clear()


def service_factory(settings: Settings, wake: Callable[[], None]) -> Callable[[], Service]:
    """How to make a request-side service for the configured backend."""
    if settings.backend == "kafka":

        def distributed() -> Service:
            from workers.runners.distributed import Distributed

            return Distributed(settings)

        return distributed

    def embedded() -> Service:
        service = ServedEmbedded(settings)
        service.wake = wake  # type: ignore[method-assign]
        return service

    return embedded


class PipelineThread:
    """The embedded pipeline in the server: one Embedded instance (models loaded once) that
    runs whenever work is queued, is woken by flags and uploads, and sweeps due deletions."""

    def __init__(
        self,
        settings: Settings,
        on_handled: Callable[[str, float, list[events.Event]], None],
        embedded: Embedded | None = None,
    ) -> None:
        self.settings = settings
        self.embedded = embedded or Embedded(settings)
        self.embedded.on_handled = on_handled  # type: ignore[method-assign]
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._loop, name="varsam-pipeline", daemon=True)
        self.failures = 0

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def wake(self) -> None:
        """Ask for a run now (a flag or an upload arrived)."""
        self._wake.set()

    @property
    def alive(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def _loop(self) -> None:
        poll, expire_every = self.settings.api.poll_s, self.settings.retention.interval_s
        expired_at = time.monotonic()
        while not self._stop.is_set():
            self._wake.clear()
            try:
                # Work on the topics the runner consumes (redacted events are for exports only).
                if self.embedded.queue.next_pending(TOPIC_ORDER, set()) is not None:
                    self.embedded.run()  # ends with the due sweeps and retention
                    expired_at = time.monotonic()
                else:
                    purge.sweep_due(self.embedded.ctx)
                    if time.monotonic() - expired_at >= expire_every:
                        self.embedded.expire()
                        expired_at = time.monotonic()
            except Exception as exc:  # the thread must outlive a bad run; the next one retries
                self.failures += 1
                log.error("pipeline run failed (%s)", type(exc).__name__)
            self._wake.wait(poll)

    def stop(self, timeout_s: float = 60) -> None:
        """Finish the event in hand and stop."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout_s)
        self.embedded.close()
