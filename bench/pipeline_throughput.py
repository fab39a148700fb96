"""Calls per minute: the embedded mode against the distributed one (1 and 2 transcribe workers).

Runs everything in one go on this machine, on real servers (Tansu, SeaweedFS) started from the
dev extras, with the same calls and the same model, and prints the numbers side by side.

    .venv/bin/python bench/pipeline_throughput.py [--copies 2] [--model base]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import load_settings  # noqa: E402
from pipeline import keys  # noqa: E402
from tests.integration.cluster import Cluster, wait_for  # noqa: E402
from tests.servers import start_seaweed, start_tansu  # noqa: E402
from workers.adapters.kafka_bus import create_topics  # noqa: E402
from workers.runners.distributed import Distributed  # noqa: E402
from workers.runners.embedded import Embedded  # noqa: E402

SAMPLES = ROOT / "samples"


def workload(copies: int) -> list[tuple[str, Path, str, str]]:
    """(call id, file, layout, language) for every sample, `copies` times."""
    manifest = json.loads((SAMPLES / "manifest.json").read_text())
    return [
        (f"{c['call_id']}-{n}", SAMPLES / c["file"], c["layout"], c["language"])
        for n in range(copies)
        for c in manifest
    ]


def audio_seconds(calls, probe) -> float:
    return sum(probe(path).duration_s for _, path, _, _ in calls)


def run_embedded(calls, model: str, workdir: Path) -> float:
    os.environ["VARSAM_ASR__MODEL"] = model
    embedded = Embedded(load_settings(data_dir=workdir / "embedded"))
    embedded.ctx.transcriber = embedded._default_transcriber()
    embedded.ctx.transcriber.warm_up()
    embedded.ctx.analyzer, embedded.ctx.analyzer_versions = embedded._default_analyzer()
    started = time.perf_counter()
    for call_id, path, layout, language in calls:
        embedded.ingest(path, call_id=call_id, layout=layout, language=language)
    embedded.run()
    return time.perf_counter() - started


def run_distributed(calls, model: str, transcribers: int, broker, s3, workdir: Path) -> float:
    cluster = Cluster(broker, s3, workdir, extra_env={"VARSAM_ASR__MODEL": model})
    create_topics(cluster.settings().kafka)
    try:
        stages = ["ingest", "redact", "purge"] + ["transcribe"] * transcribers
        workers = [cluster.start(stage) for stage in stages]
        wait_for("workers to join", lambda: all(w.assigned() for w in workers), 120)
        wait_for("models to load", lambda: all("ready" in w.text() for w in workers), 120)
        service = Distributed(cluster.settings())
        started = time.perf_counter()
        for call_id, path, layout, language in calls:
            service.ingest(path, call_id=call_id, layout=layout, language=language)
        wait_for(
            "every call redacted",
            lambda: all(service.ctx.store.exists(keys.redacted_transcript(c)) for c, *_ in calls),
            timeout_s=1800,
            every_s=0.2,
        )
        elapsed = time.perf_counter() - started
        service.close()
        return elapsed
    finally:
        cluster.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="times each sample call is sent")
    parser.add_argument("--model", default="base")
    args = parser.parse_args()
    from pipeline.audio import probe_audio

    calls = workload(args.copies)
    audio = audio_seconds(calls, probe_audio)
    results = {}
    with tempfile.TemporaryDirectory(prefix="varsam-bench-") as tmp:
        workdir = Path(tmp)
        results["embedded"] = run_embedded(calls, args.model, workdir)
        s3 = start_seaweed(workdir / "seaweedfs")
        broker = start_tansu(workdir / "tansu")
        try:
            for n in (1, 2):
                results[f"distributed, {n} transcribe"] = run_distributed(
                    calls, args.model, n, broker, s3, workdir / f"d{n}"
                )
        finally:
            broker.stop()
            s3.stop()
    print(f"{len(calls)} calls, {audio:.0f} s of audio, model {args.model}, {os.cpu_count()} cores")
    print(f"{'mode':<26} {'seconds':>8} {'calls/min':>10} {'audio x':>8} {'vs embedded':>12}")
    base = results["embedded"]
    for mode, seconds in results.items():
        print(
            f"{mode:<26} {seconds:>8.1f} {len(calls) / seconds * 60:>10.1f} "
            f"{audio / seconds:>8.1f} {base / seconds:>11.2f}x"
        )


if __name__ == "__main__":
    main()
