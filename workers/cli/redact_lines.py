"""`varsam redact --format jsonl`: the redaction line protocol over stdin and stdout."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from config.settings import Settings
from pipeline.redaction.operators import redact_text


def redact_stream(lines: TextIO, out: TextIO, settings: Settings) -> int:
    """Redact each {"id", "text"} line; a bad line gets an error line. Returns failures."""
    from models.redaction import build_analyzer

    analyzer, _versions = build_analyzer(settings.redaction)
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError
        except ValueError:
            failures += 1
            out.write(
                json.dumps({"line": number, "error": "expected a JSON object with a text field"})
                + "\n"
            )
            print(
                f"error: line {number}: expected a JSON object with a text field", file=sys.stderr
            )
            continue
        text = item["text"]
        spans = analyzer.analyze(text, item.get("language"))
        result = {
            "id": item.get("id"),
            "redacted_text": redact_text(text, spans)[0],
            "entities": [{"start": s.start, "end": s.end, "type": s.entity_type} for s in spans],
        }
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failures
