"""Deletion latency: accepted deletion -> completed receipt, p50/p99, with 50 calls in flight.

Both modes in one run, on the same calls: the embedded mode (a `varsam run` process working
while deletions arrive from another) and the distributed one (worker processes on Tansu and
SeaweedFS). Latency is the receipt's completed_at minus its accepted_at. A deletion waits only
for the write intents of its calls that are in flight (README, "Why no deletion can miss a
write"); the targets are p99 <= 0.3 s embedded and <= 2 s distributed. With 50 samples the
p99 is the worst one.

    .venv/bin/python bench/deletion_latency.py [--calls 50] [--model tiny.en]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import load_settings  # noqa: E402
from tests.integration.cluster import Cluster, wait_for  # noqa: E402
from tests.servers import start_seaweed, start_tansu  # noqa: E402
from workers.adapters.kafka_bus import create_topics  # noqa: E402
from workers.runners.distributed import Distributed  # noqa: E402
from workers.runners.embedded import Embedded  # noqa: E402

WAV = ROOT / "samples" / "en-billing.wav"
TARGET_P99_S = {"embedded": 0.3, "distributed": 2.0}  # issue 11, item 4


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99, ordered[-1]


def latencies(service, request_ids: list[str]) -> list[float]:
    out = []
    for request_id in request_ids:
        receipt = service.receipt(request_id)
        out.append((receipt.completed_at - receipt.accepted_at).total_seconds())
    return out


def embedded_mode(calls: int, model: str, workdir: Path) -> list[float]:
    os.environ["VARSAM_ASR__MODEL"] = model
    settings = load_settings(data_dir=workdir / "embedded")
    service = Embedded(settings)
    ids = [f"e{i}" for i in range(calls)]
    for call_id in ids:
        service.ingest(WAV, call_id=call_id, language="en")
    runner = subprocess.Popen(
        [sys.executable, "-m", "workers.cli", "--data-dir", str(settings.data_dir), "run"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(5)  # let the runner get going: deletions now race work in flight
        requests = [service.flag("delete_recording", call_id=c).request_id for c in ids]
        return latencies(service, requests)
    finally:
        runner.terminate()
        runner.wait(30)


def distributed_mode(calls: int, model: str, workdir: Path) -> list[float]:
    s3 = start_seaweed(workdir / "seaweedfs")
    broker = start_tansu(workdir / "tansu")
    cluster = Cluster(broker, s3, workdir, extra_env={"VARSAM_ASR__MODEL": model})
    try:
        create_topics(cluster.settings().kafka)
        workers = [cluster.start(s) for s in ("ingest", "transcribe", "redact", "purge")]
        wait_for("workers to join", lambda: all(w.assigned() for w in workers), 120)
        service = Distributed(cluster.settings())
        ids = [f"d{i}" for i in range(calls)]
        for call_id in ids:
            service.ingest(WAV, call_id=call_id, language="en")
        time.sleep(5)
        requests = [service.flag("delete_recording", call_id=c).request_id for c in ids]
        wait_for(
            "every receipt completed",
            lambda: all(service.receipt(r).state == "completed" for r in requests),
            timeout_s=600,
        )
        result = latencies(service, requests)
        service.close()
        return result
    finally:
        cluster.stop_all()
        broker.stop()
        s3.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--model", default="tiny.en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="varsam-latency-") as tmp:
        results = {
            "embedded": embedded_mode(args.calls, args.model, Path(tmp)),
            "distributed": distributed_mode(args.calls, args.model, Path(tmp)),
        }
    print(f"{args.calls} deletions with {args.calls} calls in flight ({os.cpu_count()} cores)")
    print(f"{'mode':<12} {'p50 s':>7} {'p99 s':>7} {'max s':>7} {'target':>7}  met")
    for mode, samples in results.items():
        p50, p99, worst = percentiles(samples)
        target = TARGET_P99_S[mode]
        met = "yes" if p99 <= target else "NO"
        print(f"{mode:<12} {p50:>7.2f} {p99:>7.2f} {worst:>7.2f} {target:>7.2f}  {met}")


if __name__ == "__main__":
    main()
