"""The fuzz targets: what each reads, and the contract every input must keep.

- events: any bytes on any topic decode to an event or raise MalformedEvent with a safe
  message; a decoded event re-encodes to itself and names only its own call's objects.
- lines: any line of `varsam redact --format jsonl` gets a result or an error line with a
  known reason; the redactor itself never fails.
- ids: validate_id accepts only ids that are safe as a path segment, and never echoes.
- config: any TOML file and VARSAM_* environment load to usable settings or raise ValueError;
  secrets never show in a repr.
- audio: a seed recording of each format with mutated headers probes to a sane AudioInfo or
  raises a VarsamError.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import posixpath
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from pipeline import events, keys
from pipeline.errors import InvalidId, VarsamError
from pipeline.ids import call_id_of, loggable_key, validate_id
from tests.fuzz.harness import FIXTURES, Target, dump_bytes, load_bytes

# -- shared strategies -------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=40)
    | st.sampled_from(["", "c1", "..", "../x", "calls/c1/", "2026-01-01T00:00:00Z", "-1"])
)
edge_values = st.sampled_from(
    [
        math.nan,
        math.inf,
        -math.inf,
        -1,
        -0.0,
        10**400,
        2**63,
        "",
        "\ud800",
        "2026-01-01T00:00:00",
        "2026-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        True,
    ]
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=8,
)
surrogates = st.characters(categories=["Cs"])
wild_text = st.text(st.characters(codec=None) | surrogates, max_size=60)


def deep(n: int, dicts: bool) -> bytes:
    return (b'{"a":' * n + b"1" + b"}" * n) if dicts else (b"[" * n + b"]" * n)


deep_json = st.builds(deep, st.integers(min_value=1, max_value=12_000), st.booleans())


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few bytes changed, cut or inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        op = draw(st.sampled_from(["set", "cut", "insert", "truncate"]))
        at = draw(st.integers(min_value=0, max_value=max(len(out) - 1, 0)))
        if op == "set" and out:
            out[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "cut":
            del out[at : at + draw(st.integers(min_value=1, max_value=8))]
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "truncate":
            del out[at:]
    return bytes(out)


# -- events ------------------------------------------------------------------------------------

_AT = datetime(2026, 11, 26, 16, 15, tzinfo=UTC)
VALID_EVENTS: list[events.Event] = [
    events.RecordingReceived(
        call_id="c1",
        audio_key=keys.original_audio("c1", "wav"),
        audio_sha256="0" * 64,
        size_bytes=10,
        language="sv",
        customer_id="cust-1",
        agent_id="a-1",
        started_at=_AT,
    ),
    events.CallIngested(
        call_id="c1",
        audio_key=keys.original_audio("c1", "flac"),
        audio_sha256="0" * 64,
        layout="stereo",
        duration_s=12.5,
        channels=2,
        started_at=_AT,
        customer_id="cust-1",
    ),
    events.CallTranscribed(
        call_id="c1",
        transcript_key=keys.raw_transcript("c1"),
        transcript_sha256="0" * 64,
        language="en",
        duration_s=12.5,
        asr_model="base",
        asr_seconds=3.2,
        customer_id="cust-1",
        started_at=_AT,
    ),
    events.CallRedacted(
        call_id="c1",
        redacted_key=keys.redacted_transcript("c1"),
        redacted_sha256="0" * 64,
        entity_counts={"PERSON": 2},
    ),
    events.ConsentFlag(
        request_id="req-1",
        kind="legal_hold",
        scope="customer",
        subject_id="cust-1",
        accepted_at=_AT,
        by="a-1",
        reason="bookkeeping",
    ),
]
FIELD_NAMES = sorted(
    {name for e in VALID_EVENTS for name in type(e).model_fields} | {"type", "version"}
)
EVENT_TYPES = sorted({e.type for e in VALID_EVENTS})


@st.composite
def mutated_events(draw: st.DrawFn) -> bytes:
    doc = json.loads(events.encode(draw(st.sampled_from(VALID_EVENTS))))
    own = sorted(doc)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        field = draw(st.sampled_from(own) | st.sampled_from(FIELD_NAMES) | st.text(max_size=12))
        op = draw(st.sampled_from(["set", "delete", "type"]))
        if op == "delete":
            doc.pop(field, None)
        elif op == "type":
            doc["type"] = draw(st.sampled_from(EVENT_TYPES))
        else:
            doc[field] = draw(edge_values | json_values | wild_text)
    payload = json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    return draw(st.just(payload) | byte_mutations(payload))


event_payloads = mutated_events() | st.binary(max_size=300) | deep_json


def _own_keys(event: events.Event) -> list[str]:
    names = ("audio_key", "transcript_key", "redacted_key")
    return [getattr(event, n) for n in names if hasattr(event, n)]


def check_event(payload: bytes) -> None:
    """Decode raises only MalformedEvent (fields named, never values); an event round-trips."""
    try:
        event = events.decode(payload)
    except events.MalformedEvent as exc:
        message = str(exc)
        if message.startswith("event fails the schema at: "):
            for part in message.removeprefix("event fails the schema at: ").split(", "):
                tag = next((t for t in EVENT_TYPES if part == t or part.startswith(t + ".")), "")
                for name in filter(None, part.removeprefix(tag).split(".")):
                    assert name in FIELD_NAMES or name.isdigit() or name == "<key>", (
                        f"the error names an input value: {message!r}"
                    )
        return
    again = events.decode(events.encode(event))
    assert again == event
    shown = loggable_key(event.key)
    assert shown in ("-", "call:<id>", "customer:<id>") or validate_id(shown) == event.key
    if not isinstance(event, events.ConsentFlag):
        prefix = keys.call_prefix(event.call_id)
        for key in _own_keys(event):
            assert key.startswith(prefix) and posixpath.normpath(key) == key, key


# -- the jsonl line protocol ---------------------------------------------------------------------

FRAGMENTS = [
    "my name is John Smith",
    "jag heter Erik Johansson",
    "19811218-9876",
    "070 123 45 67",
    "noll sju noll ett två tre fyra fem sex sju",
    "john dot smith at example dot com",
    "SE45 5000 0000 0583 9825 7466",
    "4111 1111 1111 1111",
    "Storgatan 12, 114 51 Stockholm",
    "ABC 123",
    "nineteen eighty one",
    "kundnummer 123456",
    "\u00a0",
    "\n",
    "\t",
]
texts = st.lists(st.sampled_from(FRAGMENTS) | wild_text, max_size=8).map(" ".join)
line_ids = st.none() | st.text(max_size=20) | st.integers() | json_values | wild_text
languages = (
    st.none()
    | st.sampled_from(["en", "sv", "no", "nb", "da", "fi", "de", "sv-SE", "en_US", "xx", "zz-ZZ"])
    | wild_text
    | json_values
)


@st.composite
def protocol_lines(draw: st.DrawFn) -> bytes:
    item: dict[str, Any] = {"id": draw(line_ids), "text": draw(texts | json_values)}
    if draw(st.booleans()):
        item["language"] = draw(languages)
    if draw(st.booleans()):
        item[draw(st.text(max_size=8))] = draw(json_values)
    line = json.dumps(item, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    return draw(st.just(line) | byte_mutations(line))


line_inputs = protocol_lines() | st.binary(max_size=300) | deep_json
LINE_REASONS = {
    "invalid_utf8",
    "invalid_json",
    "too_deeply_nested",
    "missing_text",
    "text_too_long",
    "invalid_unicode",
    "invalid_language",
    "invalid_id",
}
MAX_TEXT_CHARS = 5_000


@cache
def analyzer() -> Any:
    from config.settings import load_settings
    from models.redaction import build_analyzer

    return build_analyzer(load_settings().redaction)[0]


def check_line(line: bytes) -> None:
    """A line gets a result with sane spans, or an error line with a known reason."""
    from workers.cli.redact_lines import answer_line, parse_line

    result, failed = answer_line(1, line, analyzer(), MAX_TEXT_CHARS)
    json.dumps(result, ensure_ascii=False).encode("utf-8")
    if failed:
        assert result["reason"] in LINE_REASONS, result
        return
    text = parse_line(line, MAX_TEXT_CHARS).text
    previous_end = 0
    for entity in result["entities"]:
        assert previous_end <= entity["start"] < entity["end"] <= len(text), result
        previous_end = entity["end"]
    assert isinstance(result["redacted_text"], str)


# -- ids -----------------------------------------------------------------------------------------

id_inputs = (
    st.text(max_size=140)
    | st.from_regex(r"[A-Za-z0-9._-]{1,130}", fullmatch=True)
    | st.sampled_from([".", "..", "-", "-x", "a..b", "a/b", "a\\b", "%2e%2e", "x" * 129, "\x00"])
    | wild_text
)
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def check_id(value: str) -> None:
    """A valid id is a safe path segment; an invalid one is refused without being echoed."""
    try:
        validate_id(value)
    except InvalidId as exc:
        assert "use 1-128 characters" in str(exc) or "must not be" in str(exc)
        assert loggable_key(value) in ("-", "call:<id>", "customer:<id>")
        assert call_id_of(value) is None
        return
    assert _SAFE_ID.fullmatch(value) and ".." not in value and not value.startswith("-")
    prefix = keys.call_prefix(value)
    assert posixpath.normpath(prefix) + "/" == prefix and prefix.count("/") == 2
    assert loggable_key(value) == value and call_id_of(value) == value


def dump_text(value: str) -> tuple[bytes, str]:
    return value.encode("utf-8", "surrogatepass"), ".txt"


def load_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogatepass")


# -- the config loader ---------------------------------------------------------------------------

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
    "VARSAM_CONSENT__WRITE_DEADLINE_S",
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
    """Settings load to values the code can use, or raise ValueError; secrets stay hidden."""
    from config.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "varsam.toml"
        path.write_bytes(case["toml"])
        env = {"VARSAM_S3__SECRET_ACCESS_KEY": SECRET, **case["env"], "VARSAM_CONFIG": str(path)}
        with environment(env):
            try:
                settings = load_settings()
            except ValueError:
                return
    for pattern in settings.redaction.customer_id_patterns:
        re.compile(pattern)
    k = settings.kafka
    assert k.partitions >= 1 and k.replication_factor >= 1
    assert 0 < k.retry_backoff_s <= k.retry_backoff_max_s and math.isfinite(k.retry_backoff_max_s)
    assert 0 < settings.consent.write_deadline_s < math.inf
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


# -- audio probing -------------------------------------------------------------------------------

AUDIO_SEEDS = sorted((FIXTURES / "audio_seeds").glob("seed.*"))
AUDIO_SEEDS = [p for p in AUDIO_SEEDS if p.suffix != ".py"]
_WORDS = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF]


@st.composite
def mutated_audio(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed recording with its header (and now and then its body) changed."""
    seed = draw(st.sampled_from(AUDIO_SEEDS))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        op = draw(st.sampled_from(["byte", "word", "anywhere", "truncate", "insert", "zero"]))
        header = min(len(data), 256)
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=header - 1))
        if op == "byte":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "word":
            width = draw(st.sampled_from([2, 4]))
            value = draw(st.sampled_from(_WORDS) | st.integers(0, 2**32 - 1)) % (1 << 8 * width)
            order = draw(st.sampled_from(["little", "big"]))
            data[at : at + width] = value.to_bytes(width, order)
        elif op == "anywhere":
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] ^= 1 << draw(
                st.integers(min_value=0, max_value=7)
            )
        elif op == "truncate":
            del data[draw(st.integers(min_value=0, max_value=len(data) - 1)) :]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "zero":
            data[at : at + draw(st.integers(min_value=1, max_value=64))] = b""
    return seed.suffix.lstrip("."), bytes(data)


def check_audio(case: tuple[str, bytes]) -> None:
    """A sane AudioInfo, or a VarsamError with a reason; never another exception."""
    from pipeline.audio import MIN_DURATION_S, probe_audio

    ext, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"call.{ext}"
        path.write_bytes(data)
        try:
            info = probe_audio(path)
        except VarsamError as exc:
            assert exc.reason and "\n" not in str(exc)
            return
    assert math.isfinite(info.duration_s) and info.duration_s >= MIN_DURATION_S
    assert 1 <= info.channels <= 64 and info.sample_rate > 0, info


def dump_audio(case: tuple[str, bytes]) -> tuple[bytes, str]:
    return case[1], f".{case[0]}"


def load_audio(path: Path) -> tuple[str, bytes]:
    return path.suffix.lstrip("."), path.read_bytes()


def load_event(path: Path) -> bytes:
    return load_bytes(path)


TARGETS = {
    t.name: t
    for t in [
        Target("events", event_payloads, check_event, dump_bytes, load_bytes),
        Target("jsonl_lines", line_inputs, check_line, dump_bytes, load_bytes),
        Target("ids", id_inputs, check_id, dump_text, load_text),
        Target("config", config_cases(), check_config, dump_config, load_config),
        Target("audio_probe", mutated_audio(), check_audio, dump_audio, load_audio),
    ]
}
