"""The fuzz targets: what each reads, and the contract every input must keep.

- events: any bytes on any topic decode to an event or raise MalformedEvent with a safe
  message; a decoded event re-encodes to itself and names only its own call's objects.
- lines: any line of `varsam redact --format jsonl` gets a result or an error line with a
  known reason; the redactor itself never fails.
- ids: validate_id accepts only ids that are safe as a path segment, and never echoes.
- config: any TOML file and VARSAM_* environment load to usable settings or raise InvalidConfig;
  secrets never show in a repr.
- audio: a seed recording of each format with mutated headers probes to a sane AudioInfo or
  raises a VarsamError.
"""

from __future__ import annotations

import json
import posixpath
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from pipeline import events, keys
from pipeline.errors import InvalidId
from pipeline.ids import call_id_of, loggable_key, validate_id
from tests.fuzz.audio_target import AUDIO_SEEDS, check_audio, dump_audio, load_audio, mutated_audio
from tests.fuzz.config_target import check_config, config_cases, dump_config, load_config
from tests.fuzz.harness import Target, dump_bytes, load_bytes
from tests.fuzz.strategies import byte_mutations, deep_json, edge_values, json_values, wild_text

__all__ = ["AUDIO_SEEDS", "TARGETS"]

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
