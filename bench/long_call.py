"""Peak memory of `ingest` + `run` for calls of 10 minutes, 1 hour and 2 hours.

Each call is built at bench time from the committed English samples: one utterance every
`--every` seconds, silence between, so speech is spread through the whole call. Each call
is processed by a fresh process (the embedded mode: ingest, transcribe, redact, audio
redaction), whose peak resident set size is read from the kernel when it exits.

    .venv/bin/python bench/long_call.py [--quick] [--durations 600,3600,7200] [--model tiny.en]

Target: the longest call's peak within 1.2x of the 10-minute call's. `--quick` runs 10, 30
and 60 minutes. Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speech_calls import spread_call  # noqa: E402

CHILD = """
import sys, time
from pathlib import Path
from config.settings import load_settings
from workers.runners.embedded import Embedded
path, data, model = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
settings = load_settings(data_dir=data)
settings = settings.model_copy(update={"asr": settings.asr.model_copy(update={"model": model})})
embedded = Embedded(settings)
started = time.perf_counter()
embedded.ingest(path, call_id="long", language="en")
handled = dead = 0
for _ in range(5):  # a write that overran the consent write deadline is retried by a next run
    report = embedded.run()
    handled, dead = handled + report.handled, dead + report.dead_lettered
    if not embedded.queue.pending_on(("recordings", "ingested", "transcribed")):
        break
print(handled, dead, round(time.perf_counter() - started, 1))
"""


def measure(path: Path, data: Path, model: str) -> tuple[float, str]:
    """Peak RSS (MB) of a fresh process running the call through the pipeline, and its output."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(data), model],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().strip() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the pipeline failed on {path.name}")
    return usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--durations", default="600,3600,7200")
    parser.add_argument("--quick", action="store_true", help="10, 30 and 60 minutes")
    parser.add_argument("--every", type=float, default=300.0, help="seconds between utterances")
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    durations = [600, 1800, 3600] if args.quick else [int(d) for d in args.durations.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="varsam-long-") as tmp:
        for seconds in durations:
            call = spread_call(seconds, stereo=False, speech_every_s=args.every)
            path = call.write(Path(tmp) / f"call-{seconds}.wav")
            del call
            started = time.perf_counter()
            peak, out = measure(path, Path(tmp) / f"data-{seconds}", args.model)
            _, dead, pipeline_s = out.split()
            rows.append(
                {
                    "call_min": seconds // 60,
                    "file_mb": round(path.stat().st_size / 2**20),
                    "peak_rss_mb": round(peak),
                    "pipeline_s": float(pipeline_s),
                    "wall_s": round(time.perf_counter() - started, 1),
                    "dead_lettered": int(dead),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
            path.unlink()
    base = rows[0]["peak_rss_mb"]
    for row in rows:
        row["vs_first"] = round(row["peak_rss_mb"] / base, 2)
    heads = list(rows[0])
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * len(heads))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in heads) + " |")
    worst = max(r["vs_first"] for r in rows)
    print(f"longest call's peak {rows[-1]['vs_first']}x the first's (target <= 1.2x)")
    if worst > 1.2 or any(r["dead_lettered"] for r in rows):
        print("target missed")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
