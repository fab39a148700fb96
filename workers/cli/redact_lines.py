"""`varsam redact --format jsonl`: the redaction line protocol over stdin and stdout.

Each non-blank input line gets exactly one output line, in order: its result
`{"id", "redacted_text", "entities"}`, or an error line `{"line", "id", "error", "reason"}`
that carries the id when it could be read and never the text. A bad line (not UTF-8, not
JSON, nested too deep, longer than the configured limit, a lone surrogate, a language that is
no language tag) costs that line only; the stream goes on.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from config.settings import Settings
from pipeline.events import is_language_tag
from pipeline.redaction.operators import redact_text
from pipeline.stages.context import TextAnalyzer

log = logging.getLogger("varsam.redact")

# Ids are the caller's own labels, echoed back; longer ones are refused rather than copied.
MAX_ID_CHARS = 256
# JSON may spell one character in up to six bytes (\uXXXX); the id and field names need a little.
BYTES_PER_CHAR = 6
LINE_SLACK_BYTES = 64 * 1024
# The stream is read in pieces of this size while a line over the limit is skipped.
_DRAIN_BYTES = 1 << 20


class BadLine(ValueError):
    """A line the protocol cannot answer with a result; `reason` is a safe code."""

    def __init__(self, reason: str, message: str, item_id: str | int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.item_id = item_id


@dataclass(frozen=True)
class LineRequest:
    """One parsed input line."""

    id: str | int | None
    text: str
    language: str | None


def max_line_bytes(max_text_chars: int) -> int:
    """The longest line read whole: anything longer cannot hold an acceptable text."""
    return max_text_chars * BYTES_PER_CHAR + LINE_SLACK_BYTES


def read_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The stream's lines, each at most `limit` bytes; None stands for a longer line, which
    is skipped without ever being held in memory whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        while not line.endswith(b"\n"):
            line = stream.readline(_DRAIN_BYTES)
            if not line:
                break
        yield None


def parse_line(raw: bytes, max_text_chars: int) -> LineRequest:
    """The request in one line, or BadLine saying why there is none."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadLine("invalid_utf8", "the line is not valid UTF-8") from None
    try:
        item = json.loads(decoded)
    except RecursionError:
        raise BadLine("too_deeply_nested", "the line nests JSON too deeply") from None
    except ValueError:
        raise BadLine("invalid_json", "expected a JSON object with a text field") from None
    if not isinstance(item, dict):
        raise BadLine("invalid_json", "expected a JSON object with a text field")
    item_id = _item_id(item.get("id"))
    text = item.get("text")
    if not isinstance(text, str):
        raise BadLine("missing_text", "expected a JSON object with a text field", item_id)
    if len(text) > max_text_chars:
        raise BadLine(
            "text_too_long", f"the text is over the limit of {max_text_chars} characters", item_id
        )
    if not _encodable(text):
        raise BadLine("invalid_unicode", "the text holds a lone surrogate", item_id)
    language = item.get("language")
    if language is not None and not is_language_tag(language):
        raise BadLine("invalid_language", "language must be a language tag such as sv", item_id)
    return LineRequest(item_id, text, language)


def _item_id(value: Any) -> str | int | None:
    if value is None:
        return None
    # bool is an int to Python, but no id.
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) <= MAX_ID_CHARS:
        return value
    if isinstance(value, str) and len(value) <= MAX_ID_CHARS and _encodable(value):
        return value
    raise BadLine("invalid_id", f"id must be a string of at most {MAX_ID_CHARS} characters")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def answer(request: LineRequest, analyzer: TextAnalyzer) -> dict[str, Any]:
    """The result line for one request."""
    spans = analyzer.analyze(request.text, request.language)
    return {
        "id": request.id,
        "redacted_text": redact_text(request.text, spans)[0],
        "entities": [{"start": s.start, "end": s.end, "type": s.entity_type} for s in spans],
    }


def answer_line(
    number: int, raw: bytes | None, analyzer: TextAnalyzer, max_text_chars: int
) -> tuple[dict[str, Any], bool]:
    """The output line for input line `number` (None: over the length limit); True if it failed."""
    item_id: str | int | None = None
    try:
        if raw is None:
            raise BadLine(
                "line_too_long",
                f"the line is over {max_line_bytes(max_text_chars)} bytes",
            )
        request = parse_line(raw, max_text_chars)
        item_id = request.id
        return answer(request, analyzer), False
    except BadLine as exc:
        return _error(number, exc.item_id, str(exc), exc.reason), True
    except Exception as exc:
        # Whatever the redactor trips over costs this line only; its message may quote the
        # text, so only the error's type is logged.
        log.error("line %d: redaction failed (%s)", number, type(exc).__name__)
        return _error(number, item_id, "redaction failed", "redaction_failed"), True


def _error(number: int, item_id: str | int | None, message: str, reason: str) -> dict[str, Any]:
    return {"line": number, "id": item_id, "error": message, "reason": reason}


def redact_stream(
    lines: BinaryIO, out: BinaryIO, settings: Settings, analyzer: TextAnalyzer | None = None
) -> int:
    """Answer each line of `lines` on `out` (UTF-8 JSON lines); return how many failed.

    `analyzer` defaults to the configured one (spaCy NER and every recognizer).
    """
    if analyzer is None:
        from models.redaction import build_analyzer

        analyzer, _versions = build_analyzer(settings.redaction)
    limit = settings.redaction.max_text_chars
    failures = 0
    for number, raw in enumerate(read_lines(lines, max_line_bytes(limit)), start=1):
        if raw is not None and not raw.strip():
            continue
        result, failed = answer_line(number, raw, analyzer, limit)
        if failed:
            failures += 1
            print(f"error: line {number}: {result['error']} ({result['reason']})", file=sys.stderr)
        out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()
    return failures
