"""API under load: 200 concurrent do-not-record flags and 50 deletion requests while calls are
being processed, against `varsam serve` on a loopback port, embedded and Kafka + S3 side by side.

Reports p50/p99/max request latency per request kind, errors (any non-2xx or transport
failure), and checks the ledger: every flagged call has exactly one do-not-record flag, even
after a second wave re-sends all 200 flags (client retries). Deletion completion (receipt
completed_at - accepted_at) is reported too; it includes the final sweep one consent write
deadline after the first pass (0.5 s embedded, 5 s distributed).

    .venv/bin/python bench/api_load.py [--flags 200] [--deletions 50] [--calls 6]
        [--model tiny.en] [--modes embedded,kafka]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api_server import ApiServer, clean_env, poll, start_api_server  # noqa: E402
from tests.integration.cluster import Cluster, wait_for  # noqa: E402
from tests.servers import start_seaweed, start_tansu  # noqa: E402

WAV = ROOT / "samples" / "en-billing.wav"
ROLES = ("recorder", "agent", "privacy", "operator")


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99, ordered[-1]


def _auth(server: ApiServer, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.tokens[role]}"}


def upload_calls(server: ApiServer, ids: list[str]) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        for call_id in ids:
            response = http.post(
                "/v1/calls",
                headers=_auth(server, "recorder"),
                files={"file": ("call.wav", WAV.read_bytes())},
                data={"call_id": call_id, "language": "en"},
            )
            assert response.status_code == 202, response.text


async def _fire(server: ApiServer, requests: list[tuple[str, str, dict | None]]) -> list[tuple]:
    """Send every request at once; (kind, seconds, status or exception name, body)."""
    limits = httpx.Limits(max_connections=len(requests), max_keepalive_connections=len(requests))
    async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as http:

        async def one(kind: str, path: str, body: dict | None):
            role = "agent" if kind == "flag" else "privacy"
            started = time.perf_counter()
            try:
                response = await http.post(path, headers=_auth(server, role), json=body)
                status, data = response.status_code, response.json()
            except httpx.HTTPError as exc:
                status, data = type(exc).__name__, None
            return kind, time.perf_counter() - started, status, data

        return await asyncio.gather(*(one(*r) for r in requests))


def one_at_a_time(server: ApiServer, count: int = 20) -> list[float]:
    """Flags sent one after another, for scale: what one request costs on this machine now."""
    took = []
    with httpx.Client(base_url=server.url, timeout=120) as http:
        for i in range(count):
            started = time.perf_counter()
            response = http.post(
                f"/v1/calls/solo-{i}/do-not-record", headers=_auth(server, "agent")
            )
            assert response.status_code == 202, response.text
            took.append(time.perf_counter() - started)
    return took


def load(server: ApiServer, calls: list[str], flags: int, deletions: int) -> dict:
    solo = one_at_a_time(server)
    flagged = [f"flag-{i}" for i in range(flags)]
    # Deletions name the calls in flight first, then calls that never arrive.
    deleted = (calls + [f"del-{i}" for i in range(deletions)])[:deletions]
    requests = [("flag", f"/v1/calls/{c}/do-not-record", None) for c in flagged]
    requests += [("delete", "/v1/deletions", {"call_id": c}) for c in deleted]
    first = asyncio.run(_fire(server, requests))
    retries = asyncio.run(_fire(server, [r for r in requests if r[0] == "flag"]))
    results = [*first, *[("flag retry", *r[1:]) for r in retries]]
    errors = [r for r in results if not (isinstance(r[2], int) and 200 <= r[2] < 300)]
    request_ids = [r[3]["request_id"] for r in first if r[0] == "delete" and r[3]]

    with httpx.Client(base_url=server.url, timeout=120) as http:
        listed = http.get(
            "/v1/deletions", headers=_auth(server, "privacy"), params={"limit": 1000}
        ).json()["requests"]
        dnr = Counter(
            r["subject_id"]
            for r in listed
            if r["kind"] == "do_not_record" and r["subject_id"].startswith("flag-")
        )
        exactly_once = all(dnr[c] == 1 for c in flagged) and len(dnr) == len(flagged)

        def receipts() -> list[dict] | None:
            got = [
                http.get(f"/v1/deletions/{rid}", headers=_auth(server, "privacy")).json()
                for rid in request_ids
            ]
            return got if all(g["state"] == "completed" for g in got) else None

        done = poll("every deletion receipt completed", receipts, 600, 1)
    completion = [
        (
            datetime.fromisoformat(d["completed_at"]) - datetime.fromisoformat(d["accepted_at"])
        ).total_seconds()
        for d in done
    ]
    return {
        "latency": {
            "flag alone": solo,
            **{k: [r[1] for r in results if r[0] == k] for k in ("flag", "delete", "flag retry")},
        },
        "errors": errors,
        "exactly_once": exactly_once,
        "ledger_dnr": sum(dnr.values()),
        "completion": completion,
    }


def embedded(args, workdir: Path) -> dict:
    env = clean_env(
        VARSAM_DATA_DIR=str(workdir / "data"),
        VARSAM_ASR__MODEL=args.model,
        VARSAM_API__SERVICE_POOL=str(args.pool),
    )
    server = start_api_server(workdir / "embedded", env, ROLES)
    try:
        calls = [f"call-{i}" for i in range(args.calls)]
        upload_calls(server, calls)
        time.sleep(3)  # the pipeline thread is transcribing when the load arrives
        return load(server, calls, args.flags, args.deletions)
    finally:
        server.stop()


def kafka(args, workdir: Path) -> dict:
    s3 = start_seaweed(workdir / "seaweedfs")
    broker = start_tansu(workdir / "tansu")
    cluster = Cluster(broker, s3, workdir / "cluster", extra_env={"VARSAM_ASR__MODEL": args.model})
    server = None
    try:
        assert cluster.cli("topics", "create").returncode == 0
        workers = [cluster.start(s) for s in ("ingest", "transcribe", "redact", "purge")]
        wait_for("workers to join", lambda: all(w.assigned() for w in workers), 120)
        env = clean_env(
            **cluster.env,
            VARSAM_DATA_DIR=str(workdir / "api-data"),
            VARSAM_API__SERVICE_POOL=str(args.pool),
        )
        server = start_api_server(workdir / "kafka", env, ROLES)
        calls = [f"call-{i}" for i in range(args.calls)]
        upload_calls(server, calls)
        time.sleep(3)
        return load(server, calls, args.flags, args.deletions)
    finally:
        if server is not None:
            server.stop()
        cluster.stop_all()
        broker.stop()
        s3.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flags", type=int, default=200)
    parser.add_argument("--deletions", type=int, default=50)
    parser.add_argument("--calls", type=int, default=6, help="calls in flight during the load")
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--pool", type=int, default=4, help="api.service_pool")
    parser.add_argument("--modes", default="embedded,kafka")
    args = parser.parse_args()
    runs = {"embedded": embedded, "kafka": kafka}
    results = {}
    with tempfile.TemporaryDirectory(prefix="varsam-api-load-") as tmp:
        for mode in args.modes.split(","):
            results[mode] = runs[mode](args, Path(tmp) / mode)
    print(
        f"{args.flags} do-not-record flags + {args.deletions} deletions at once, then the "
        f"{args.flags} flags again (retries); {args.calls} calls in flight; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"service pool {args.pool}; 'flag alone': 20 flags one at a time first"
    )
    print(f"{'mode':<10} {'requests':<12} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for mode, result in results.items():
        for kind, samples in result["latency"].items():
            p50, p99, worst = percentiles(samples)
            print(
                f"{mode:<10} {kind:<12} {len(samples):>4} {p50 * 1000:>8.0f} "
                f"{p99 * 1000:>8.0f} {worst * 1000:>8.0f}"
            )
        p50, p99, worst = percentiles(result["completion"])
        print(
            f"{mode:<10} {'deletion done':<12} {len(result['completion']):>4} {p50 * 1000:>8.0f} "
            f"{p99 * 1000:>8.0f} {worst * 1000:>8.0f}   (accepted -> receipt completed)"
        )
    print()
    ok = True
    for mode, result in results.items():
        errors = Counter(str(e[2]) for e in result["errors"])
        once = "yes" if result["exactly_once"] else "NO"
        print(
            f"{mode}: errors {sum(errors.values())} {dict(errors) or ''}; "
            f"ledger do-not-record flags {result['ledger_dnr']}, each call once: {once}"
        )
        ok = ok and not errors and result["exactly_once"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
