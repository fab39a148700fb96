"""`varsam worker STAGE`: wire a stage, warm its model and run it; or supervise N of them."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time

from config.settings import Settings
from pipeline.stages.context import StageContext
from workers.adapters.kafka_bus import KafkaPublisher
from workers.runners.distributed import distributed_context
from workers.runners.stage_worker import TRANSIENT, StageWorker

log = logging.getLogger("varsam.worker")


def run_worker(
    settings: Settings, stage: str, *, concurrency: int = 1, idle_exit_s: float | None = None
) -> None:
    """Run the stage in this process, or `concurrency` members of one group.

    Transcribe members are threads of this process sharing its one model (CTranslate2 runs
    `concurrency` calls at once, `num_workers`), so N members cost one model's memory and
    one load; the other stages' members are child processes.
    """
    if concurrency > 1 and stage == "transcribe":
        _transcribe_threads(settings, concurrency, idle_exit_s)
        return
    if concurrency > 1:
        _supervise(stage, concurrency, idle_exit_s)
        return
    ctx, publisher = _connect(settings, stage)
    if stage == "transcribe":
        from models.asr import transcriber_from

        ctx.transcriber = transcriber_from(settings.asr, settings.audio.max_duration_s)
        ctx.transcriber.warm_up()
    elif stage == "redact":
        from models.redaction import build_analyzer

        ctx.analyzer, ctx.analyzer_versions = build_analyzer(settings.redaction)
    worker = StageWorker(settings, stage, ctx, publisher)
    worker.install_signal_handlers()
    log.info("%s worker %d ready", stage, os.getpid())
    try:
        worker.run(idle_exit_s=idle_exit_s)
    finally:
        ctx.ledger.close()  # type: ignore[attr-defined]
        publisher.close()


def _transcribe_threads(settings: Settings, members: int, idle_exit_s: float | None) -> None:
    from models.asr import transcriber_from

    asr = settings.asr.model_copy(update={"num_workers": max(settings.asr.num_workers, members)})
    transcriber = transcriber_from(asr, settings.audio.max_duration_s)
    transcriber.warm_up()
    workers: list[tuple[StageWorker, StageContext, KafkaPublisher]] = []
    for _ in range(members):
        ctx, publisher = _connect(settings, "transcribe")
        ctx.transcriber = transcriber
        workers.append((StageWorker(settings, "transcribe", ctx, publisher), ctx, publisher))

    def stop(_signum: int, _frame: object) -> None:
        for worker, _, _ in workers:
            worker.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    failed: list[BaseException] = []

    def member(worker: StageWorker) -> None:
        try:
            worker.run(idle_exit_s=idle_exit_s)
        except BaseException as exc:  # one member's crash stops the others: exit non-zero
            failed.append(exc)
            stop(0, None)

    threads = [threading.Thread(target=member, args=(w,), daemon=True) for w, _, _ in workers]
    log.info("transcribe worker %d ready: %d members, one model", os.getpid(), members)
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)  # wakes for signals
    for _, ctx, publisher in workers:
        ctx.ledger.close()  # type: ignore[attr-defined]
        publisher.close()
    if failed:
        raise failed[0]


def _connect(settings: Settings, stage: str) -> tuple[StageContext, KafkaPublisher]:
    # A worker may start before S3 or the broker answers (a fresh deployment, an outage):
    # wait with backoff rather than exit, as it would for an outage mid-run.
    backoff = settings.kafka.retry_backoff_s
    while True:
        try:
            return distributed_context(settings, client_id=f"varsam-{stage}")
        except TRANSIENT as exc:
            reason = getattr(exc, "reason", type(exc).__name__)
            log.warning("%s worker: %s at start, retrying in %.1fs", stage, reason, backoff)
            time.sleep(backoff)
            backoff = min(backoff * 2, settings.kafka.retry_backoff_max_s)


def _supervise(stage: str, concurrency: int, idle_exit_s: float | None) -> None:
    # Separate processes, not threads: each has its own model, consumer and consent view.
    argv = [sys.executable, "-m", "workers.cli", "worker", stage]
    if logging.getLogger().isEnabledFor(logging.INFO):
        argv.insert(3, "--verbose")
    if idle_exit_s is not None:
        argv += ["--idle-exit", str(idle_exit_s)]
    children = [subprocess.Popen(argv) for _ in range(concurrency)]

    def forward(signum: int, _frame: object) -> None:
        for child in children:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    codes = [child.wait() for child in children]
    if any(codes):
        raise SystemExit(max(codes))
