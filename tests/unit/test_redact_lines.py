"""The jsonl line protocol: one answer per line, errors with the id and a reason, never the text."""

from __future__ import annotations

import io
import json
import logging

from config.settings import load_settings
from tests.fakes import PatternAnalyzer
from workers.cli.redact_lines import max_line_bytes, redact_stream

SECRET = "John Smith 19811218987"


class BrokenAnalyzer:
    """Fails on one text, quoting it in its message the way a careless library might."""

    def analyze(self, text: str, language: str | None):
        if "boom" in text:
            raise RuntimeError(f"cannot analyze {text!r}")
        return PatternAnalyzer().analyze(text, language)


def run(lines: list[bytes], analyzer=None, **redaction: object) -> tuple[list[dict], int]:
    settings = load_settings()
    settings = settings.model_copy(
        update={"redaction": settings.redaction.model_copy(update=redaction)}
    )
    out = io.BytesIO()
    failures = redact_stream(
        io.BytesIO(b"".join(lines)), out, settings, analyzer or PatternAnalyzer()
    )
    return [json.loads(line) for line in out.getvalue().decode().splitlines()], failures


def test_each_bad_line_gets_an_error_line_with_its_id_and_reason_and_the_next_is_answered():
    lines = [
        json.dumps({"id": "lang", "text": SECRET, "language": 123}).encode() + b"\n",
        b'{"id": "surrogate", "text": "John Smith \\ud800"}\n',
        b'{"id": "bytes", "text": "John Smith \xff"}\n',
        b"[" * 30_000 + b"]" * 30_000 + b"\n",
        json.dumps({"id": "long", "text": SECRET * 10}).encode() + b"\n",
        json.dumps({"id": {"nested": SECRET}, "text": SECRET}).encode() + b"\n",
        json.dumps({"id": "notext", "text": 5}).encode() + b"\n",
        b"not json at all " + SECRET.encode() + b"\n",
        json.dumps([SECRET]).encode() + b"\n",
        json.dumps({"id": "ok", "text": SECRET, "language": "sv-SE"}).encode(),
    ]
    out, failures = run(lines, max_text_chars=100)
    assert [(o.get("line"), o["id"], o.get("reason")) for o in out] == [
        (1, "lang", "invalid_language"),
        (2, "surrogate", "invalid_unicode"),
        (3, None, "invalid_utf8"),
        (4, None, "too_deeply_nested"),
        (5, "long", "text_too_long"),
        (6, None, "invalid_id"),
        (7, "notext", "missing_text"),
        (8, None, "invalid_json"),
        (9, None, "invalid_json"),
        (None, "ok", None),
    ]
    assert failures == 9
    assert out[-1]["redacted_text"] == "[PERSON] [PHONE]"
    assert "Smith" not in json.dumps(out[:-1])


def test_a_line_over_the_byte_limit_is_skipped_unread_and_the_next_is_answered():
    limit = max_line_bytes(20)
    lines = [
        b'{"id": "huge", "text": "' + b"x" * (3 * limit) + b'"}\n',
        json.dumps({"id": "next", "text": "call 0701234567"}).encode() + b"\n",
    ]
    out, failures = run(lines, max_text_chars=20)
    assert out[0] == {
        "line": 1,
        "id": None,
        "error": f"the line is over {limit} bytes",
        "reason": "line_too_long",
    }
    assert out[1] == {
        "id": "next",
        "redacted_text": "call [PHONE]",
        "entities": [{"start": 5, "end": 15, "type": "PHONE"}],
    }
    assert failures == 1


def test_a_redactor_failure_costs_one_line_and_its_text_is_never_logged(caplog):
    lines = [
        json.dumps({"id": 1, "text": f"boom {SECRET}"}).encode() + b"\n",
        json.dumps({"id": 2, "text": "Anna Berg"}).encode() + b"\n",
    ]
    with caplog.at_level(logging.DEBUG):
        out, failures = run(lines, BrokenAnalyzer())
    assert out[0] == {
        "line": 1,
        "id": 1,
        "error": "redaction failed",
        "reason": "redaction_failed",
    }
    assert out[1]["redacted_text"] == "[PERSON]"
    assert failures == 1
    assert "RuntimeError" in caplog.text and "Smith" not in caplog.text


def test_blank_lines_are_not_requests_but_still_count_in_line_numbers():
    out, failures = run([b"\n", b"  \r\n", b"{}\n"])
    assert out == [
        {
            "line": 3,
            "id": None,
            "error": "expected a JSON object with a text field",
            "reason": "missing_text",
        }
    ]
    assert failures == 1
