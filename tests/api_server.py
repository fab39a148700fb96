"""`varsam serve` as a test server: a real uvicorn on a loopback port, stopped by its PID."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.servers import ServerProcess, free_ports, wait_until

ROOT = Path(__file__).resolve().parents[1]


def varsam_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run a varsam command with this environment."""
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class ApiServer:
    """A running `varsam serve`, its environment and a token per role (made with the CLI)."""

    url: str
    env: dict[str, str]
    process: ServerProcess
    tokens: dict[str, str]

    def stop(self) -> None:
        """SIGTERM by PID (the pipeline finishes its event), then SIGKILL after a grace."""
        self.process.stop()

    def log_tail(self) -> str:
        """The server's last log lines."""
        return self.process.log_tail()


def start_api_server(workdir: Path, env: dict[str, str], roles: tuple[str, ...]) -> ApiServer:
    """Make one token per role with `varsam tokens create`, then start `varsam serve`."""
    workdir.mkdir(parents=True, exist_ok=True)
    tokens = {}
    for role in roles:
        made = varsam_cli(env, "tokens", "create", "--role", role, "--name", f"{role}-e2e")
        assert made.returncode == 0, made.stderr
        tokens[role] = made.stdout.strip().splitlines()[-1]
    (port,) = free_ports(1)
    process = ServerProcess(
        name="varsam-serve",
        argv=[
            sys.executable,
            "-m",
            "workers.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        cwd=ROOT,
        log_path=workdir / "serve.log",
        stop_grace_s=60,
    )
    process.start()
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return json.load(response)["status"] == "ok"

    wait_until("varsam serve", process, healthy, timeout_s=60)
    return ApiServer(url, env, process, tokens)


def poll(what: str, check: Callable[[], object], timeout_s: float = 240, every_s: float = 0.5):
    """Call `check` until it returns something truthy; fail with `what` on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}")


def clean_env(**extra: str) -> dict[str, str]:
    """The test process's environment without VARSAM_* settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VARSAM_")}
    env.update(extra)
    return env
