"""`varsam redact --format jsonl`: the line protocol, as an evaluation harness would use it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, clean_env


def test_redact_line_protocol_tags_entities_at_original_offsets(varsam):
    lines = [
        {
            "id": "a",
            "text": "Hi, my name is John Smith and my email is john dot smith at example dot com",
        },
        {"id": "b", "text": "my number is 07001234567"},
        {"id": "c", "text": "nothing personal here"},
    ]
    result = varsam(
        "redact", "--format", "jsonl", stdin="".join(json.dumps(x) + "\n" for x in lines)
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    for given, got in zip(lines, out, strict=True):
        for entity in got["entities"]:
            assert 0 <= entity["start"] < entity["end"] <= len(given["text"])
    assert out[0]["redacted_text"] == "Hi, my name is [PERSON] and my email is [EMAIL]"
    assert {e["type"] for e in out[0]["entities"]} == {"PERSON", "EMAIL"}
    assert out[1]["redacted_text"] == "my number is [PHONE]"
    assert out[2] == {"id": "c", "redacted_text": "nothing personal here", "entities": []}


def test_a_bad_line_gets_an_error_line_and_the_rest_is_still_redacted(varsam):
    stdin = 'not json\n{"id": "ok", "text": "call 07001234567"}\n'
    result = varsam("redact", "--format", "jsonl", stdin=stdin)
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "line": 1,
        "id": None,
        "error": "expected a JSON object with a text field",
        "reason": "invalid_json",
    }
    assert second["redacted_text"] == "call [PHONE]"
    assert result.stderr.strip() == (
        "error: line 1: expected a JSON object with a text field (invalid_json)"
    )


def test_every_line_is_answered_whatever_the_lines_before_it_held(varsam):
    secret = "John Smith 19811218-9876"
    bad = [
        json.dumps({"id": "lang", "text": secret, "language": 123}).encode(),
        b'{"id": "surrogate", "text": "' + secret.encode() + b' \\ud800"}',
        b'{"id": "bytes", "text": "' + secret.encode() + b' \xff\xfe"}',
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"id": "big", "text": secret + " " + "a" * 5_000_000}).encode(),
        json.dumps({"id": 7, "text": secret, "language": "../../etc"}).encode(),
    ]
    good = json.dumps({"id": "last", "text": "my number is 07001234567"}).encode()
    stdin = b"".join(line + b"\n" for line in [*bad, good])
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli", "redact", "--format", "jsonl"],
        input=stdin,
        capture_output=True,
        env=clean_env(VARSAM_DATA_DIR=str(varsam.data_dir)),
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(o.get("line"), o.get("id"), o.get("reason")) for o in out] == [
        (1, "lang", "invalid_language"),
        (2, "surrogate", "invalid_unicode"),
        (3, None, "invalid_utf8"),
        (4, None, "too_deeply_nested"),
        (5, "big", "text_too_long"),
        (6, 7, "invalid_language"),
        (None, "last", None),
    ]
    assert out[-1]["redacted_text"] == "my number is [PHONE]"
    assert "Smith" not in result.stdout.decode() and "Smith" not in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    assert len(result.stderr.decode().splitlines()) == len(bad)


def test_a_text_past_spacys_million_characters_is_redacted_in_windows(varsam):
    text = "My name is John Smith. " + " " * 1_000_000 + "Please call me on 070 123 45 67."
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli", "redact", "--format", "jsonl"],
        input=json.dumps({"id": "long", "text": text, "language": "en"}) + "\n",
        capture_output=True,
        text=True,
        env=clean_env(
            VARSAM_DATA_DIR=str(varsam.data_dir), VARSAM_REDACTION__MAX_TEXT_CHARS="2000000"
        ),
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (answer,) = [json.loads(line) for line in result.stdout.splitlines()]
    found = [(text[e["start"] : e["end"]], e["type"]) for e in answer["entities"]]
    assert found == [("John Smith", "PERSON"), ("070 123 45 67", "PHONE")]
