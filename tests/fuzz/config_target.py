"""Config loader fuzz target: any TOML file and VARSAM_* environment, usable or InvalidConfig."""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.strategies import byte_mutations

DEFAULT_TOML = (Path(__file__).resolve().parents[2] / "config" / "default.toml").read_text()
ENV_NAMES = [
    "VARSAM_BACKEND",
    "VARSAM_DATA_DIR",
    "VARSAM_ASR__MODEL",
    "VARSAM_ASR__BEAM_SIZE",
    "VARSAM_ASR__CPU_THREADS",
    "VARSAM_ASR",
    "VARSAM_REDACTION__OPERATOR",
    "VARSAM_REDACTION__OPERATORS",
    "VARSAM_REDACTION__OPERATORS__PERSON",
    "VARSAM_REDACTION__CUSTOMER_ID_PATTERNS",
    "VARSAM_REDACTION__CHUNK_CHARS",
    "VARSAM_REDACTION__MAX_TEXT_CHARS",
    "VARSAM_REDACTION__AUDIO_PADDING_MS",
    "VARSAM_KAFKA__PARTITIONS",
    "VARSAM_KAFKA__RETRY_BACKOFF_S",
    "VARSAM_KAFKA__FENCE",
    "VARSAM_KAFKA",
    "VARSAM_S3__SSE",
    "VARSAM_S3__SECRET_ACCESS_KEY",
    "VARSAM_S3__MAX_REFUSED_ATTEMPTS",
    "VARSAM_S3",
    "VARSAM_CONSENT__WRITE_LEASE_S",
    "VARSAM_RETENTION__INTERVAL_S",
]
TOML_VALUES = [
    "1",
    "0",
    "-5",
    "1e400",
    "nan",
    "inf",
    '"x"',
    '"("',
    '"AES256"',
    '"none"',
    "[1, 2]",
    '["[a-z"]',
    "{a = 1}",
    "true",
    "1979-05-27T07:32:00Z",
    '"""multi\nline"""',
    "",
]
env_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
env_values = env_text | st.sampled_from([*TOML_VALUES, "{}", '{"partitions": 0}', "[]", "null"])


@st.composite
def config_cases(draw: st.DrawFn) -> dict[str, Any]:
    lines = DEFAULT_TOML.splitlines()
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        op = draw(st.sampled_from(["value", "delete", "insert", "duplicate"]))
        if op == "value" and "=" in lines[at]:
            name = lines[at].split("=", 1)[0].lstrip("# ")
            lines[at] = f"{name}= {draw(st.sampled_from(TOML_VALUES) | env_text)}"
        elif op == "delete":
            del lines[at]
        elif op == "insert":
            lines.insert(at, draw(env_text))
        elif op == "duplicate":
            lines.insert(at, lines[at])
    toml = "\n".join(lines).encode()
    toml = draw(st.just(toml) | byte_mutations(toml))
    env = draw(st.dictionaries(st.sampled_from(ENV_NAMES), env_values, max_size=4))
    return {"toml": toml, "env": env}


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    for name in [n for n in os.environ if n.startswith("VARSAM_")]:
        del os.environ[name]
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


SECRET = "s3-secret-Zq8w"


def check_config(case: dict[str, Any]) -> None:
    """Settings load to values the code can use, or raise InvalidConfig (one line, no value);
    secrets stay hidden."""
    from config.settings import InvalidConfig, load_settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "varsam.toml"
        path.write_bytes(case["toml"])
        env = {"VARSAM_S3__SECRET_ACCESS_KEY": SECRET, **case["env"], "VARSAM_CONFIG": str(path)}
        with environment(env):
            try:
                settings = load_settings()
            except InvalidConfig as exc:
                assert "\n" not in str(exc) and SECRET not in str(exc)
                return
    for pattern in settings.redaction.customer_id_patterns:
        re.compile(pattern)
    k = settings.kafka
    assert k.partitions >= 1 and k.replication_factor >= 1
    assert 0 < k.retry_backoff_s <= k.retry_backoff_max_s and math.isfinite(k.retry_backoff_max_s)
    assert 0 < settings.consent.write_lease_s < math.inf
    assert 0 < settings.retention.interval_s < math.inf
    assert settings.asr.beam_size >= 1
    assert settings.s3.sse in ("AES256", "aws:kms", "none")
    secret = settings.s3.secret_access_key
    if secret is not None and len(secret.get_secret_value()) >= 8:
        for shown in (repr(settings), str(settings), repr(settings.s3)):
            assert secret.get_secret_value() not in shown


def dump_config(case: dict[str, Any]) -> tuple[bytes, str]:
    doc = {"toml": base64.b64encode(case["toml"]).decode(), "env": case["env"]}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode(), ".json"


def load_config(path: Path) -> dict[str, Any]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {"toml": base64.b64decode(doc["toml"]), "env": doc["env"]}
