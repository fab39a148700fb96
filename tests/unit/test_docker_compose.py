"""docker-compose.yml cannot run here (no Docker engine): check it against the CLI and config."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from config.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
VARSAM_SERVICES = {
    name: service
    for name, service in COMPOSE["services"].items()
    if service.get("image", "").startswith("varsam")
}


def _expand(value: str) -> str:
    # ${NAME:-default} -> default, as compose does when NAME is unset.
    return re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", str(value))


def test_every_stage_has_a_worker_service():
    commands = {tuple(s["command"]) for s in VARSAM_SERVICES.values()}
    for stage in ("ingest", "transcribe", "redact", "purge"):
        assert ("worker", stage) in commands
    assert ("topics", "create") in commands
    assert {"kafka", "seaweedfs"} <= set(COMPOSE["services"])


@pytest.mark.parametrize("name", sorted(VARSAM_SERVICES))
def test_each_service_command_is_a_real_varsam_command(name):
    command = VARSAM_SERVICES[name]["command"]
    args = [a for a in command if a != "--help"]
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli", *args, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


@pytest.mark.parametrize("name", sorted(VARSAM_SERVICES))
def test_each_service_setting_is_a_real_setting_and_parses(name, monkeypatch):
    env = {k: _expand(v) for k, v in VARSAM_SERVICES[name]["environment"].items()}
    for key in env:
        assert key.startswith("VARSAM_"), key
        section, _, field = key.removeprefix("VARSAM_").lower().partition("__")
        assert section in Settings.model_fields, key
        if field:
            nested = Settings.model_fields[section].annotation
            assert field in nested.model_fields, key
    for key in [k for k in os.environ if k.startswith("VARSAM_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert settings.backend == "kafka"
    assert settings.kafka.bootstrap_servers == "kafka:9092"
    assert settings.s3.endpoint_url == "http://seaweedfs:8333"
    assert settings.kafka.partitions == 12


def test_the_api_service_serves_on_its_published_port_with_a_data_folder_for_tokens():
    api = VARSAM_SERVICES["api"]
    command = api["command"]
    assert command[0] == "serve"
    port = command[command.index("--port") + 1]
    assert f"{port}:{port}" in api["ports"]
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert api["environment"]["VARSAM_BACKEND"] == "kafka"
    data_dir = api["environment"]["VARSAM_DATA_DIR"]
    assert any(v.endswith(f":{data_dir}") for v in api["volumes"])
    assert f"localhost:{port}/healthz" in " ".join(api["healthcheck"]["test"])


def test_the_compose_brokers_match_the_settings_services_point_at():
    env = VARSAM_SERVICES["transcribe"]["environment"]
    kafka = COMPOSE["services"]["kafka"]["environment"]
    assert (
        env["VARSAM_KAFKA__BOOTSTRAP_SERVERS"] == kafka["KAFKA_ADVERTISED_LISTENERS"].split("//")[1]
    )
    assert "-s3.port=8333" in COMPOSE["services"]["seaweedfs"]["command"]
    assert env["VARSAM_S3__ENDPOINT_URL"].endswith(":8333")


def test_the_dockerfile_installs_the_distributed_extra_and_runs_varsam():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "'.[distributed]'" in dockerfile
    assert 'ENTRYPOINT ["varsam"]' in dockerfile
