"""A varsam deployment for integration tests: settings for real servers, worker processes, waits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from config.settings import Settings
from tests.conftest import clean_env
from tests.servers import SeaweedS3, TansuBroker, unique_name

ROOT = Path(__file__).resolve().parents[2]


def cluster_env(broker: TansuBroker, s3: SeaweedS3, prefix: str, bucket: str) -> dict[str, str]:
    """The VARSAM_* variables that point every process at this test's topics and bucket."""
    return {
        "VARSAM_BACKEND": "kafka",
        "VARSAM_KAFKA__BOOTSTRAP_SERVERS": broker.bootstrap,
        "VARSAM_KAFKA__TOPIC_PREFIX": prefix,
        "VARSAM_KAFKA__GROUP_PREFIX": prefix,
        "VARSAM_KAFKA__PARTITIONS": "6",
        "VARSAM_KAFKA__RETRY_BACKOFF_S": "0.2",
        "VARSAM_KAFKA__RETRY_BACKOFF_MAX_S": "2",
        "VARSAM_S3__ENDPOINT_URL": s3.endpoint_url,
        "VARSAM_S3__BUCKET": bucket,
        "VARSAM_S3__REGION": s3.region,
        "VARSAM_S3__ACCESS_KEY_ID": s3.access_key,
        "VARSAM_S3__SECRET_ACCESS_KEY": s3.secret_key,
        "VARSAM_AUDIT__SECRET": "integration-test-secret",
    }


@dataclass
class Worker:
    """A `varsam worker STAGE` process and its log."""

    stage: str
    process: subprocess.Popen
    log: Path

    def text(self) -> str:
        """Everything the worker has logged so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def handled(self) -> list[str]:
        """Keys of the events this worker finished, in order."""
        return [
            line.split(" handled ", 1)[1].split(" ", 1)[0]
            for line in self.text().splitlines()
            if f"varsam.worker: {self.stage} handled " in line
        ]

    def assigned(self) -> list[int]:
        """The partitions of its latest assignment."""
        lines = [ln for ln in self.text().splitlines() if f"{self.stage} assigned partitions" in ln]
        return json.loads(lines[-1].rsplit("partitions ", 1)[1]) if lines else []


@dataclass
class Cluster:
    """One test's deployment: its own topic prefix and bucket on the session's servers."""

    broker: TansuBroker
    s3: SeaweedS3
    workdir: Path
    prefix: str = field(default_factory=lambda: unique_name("t") + ".")
    bucket: str = field(default_factory=lambda: unique_name("b"))
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {**cluster_env(self.broker, self.s3, self.prefix, self.bucket), **self.extra_env}

    def settings(self) -> Settings:
        """Settings as the workers see them (from the same environment)."""
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            return Settings()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run a varsam command against this deployment."""
        return subprocess.run(
            [sys.executable, "-m", "workers.cli", *args],
            env=clean_env(**self.env),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start(self, stage: str, *extra: str) -> Worker:
        """Start a worker process for `stage`; its log goes to the test's folder."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.workdir / f"{stage}-{len(self.workers)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "workers.cli", "--verbose", "worker", stage, *extra],
            env=clean_env(**self.env),
            cwd=ROOT,
            stdout=open(log, "wb"),  # noqa: SIM115 - the child owns the file
            stderr=subprocess.STDOUT,
        )
        worker = Worker(stage, process, log)
        self.workers.append(worker)
        return worker

    def stop_all(self, timeout_s: float = 60) -> dict[str, int]:
        """SIGTERM every worker still running and wait; returns exit codes by log name."""
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.process.send_signal(signal.SIGTERM)
        codes = {}
        for worker in self.workers:
            try:
                codes[worker.log.name] = worker.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                codes[worker.log.name] = worker.process.wait()
        return codes


def wait_for(what: str, check: Callable[[], object], timeout_s: float = 180, every_s: float = 0.5):
    """Poll `check` until it returns something truthy; fail with `what` on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}")
