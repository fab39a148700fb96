"""`varsam redact --format jsonl`: the line protocol, as an evaluation harness would use it."""

from __future__ import annotations

import json


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
    assert first == {"line": 1, "error": "expected a JSON object with a text field"}
    assert second["redacted_text"] == "call [PHONE]"
    assert result.stderr.strip() == "error: line 1: expected a JSON object with a text field"
