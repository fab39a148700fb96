"""Free-text reasons (legal holds): bounded at the door and redacted before they are kept."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pipeline.errors import InvalidRequest

# What a person may type: a reason is shown on one line in status, receipts and reports.
MAX_REASON_CHARS = 200
# What the schema allows once redaction tags have replaced values (a tag can be longer than
# the value it replaces, e.g. "[NATIONAL_ID]" for "811218-9876"); far below the event limit.
MAX_STORED_REASON_CHARS = 4 * MAX_REASON_CHARS


class InvalidReason(InvalidRequest):
    """A reason that is empty, too long or not one line of printable text."""

    reason = "invalid_reason"


def check_reason(text: str) -> str:
    """The reason stripped of surrounding space; InvalidReason (never echoing it) when unfit."""
    text = text.strip()
    if not text:
        raise InvalidReason("--reason must not be empty")
    if len(text) > MAX_REASON_CHARS:
        raise InvalidReason(
            f"--reason must be at most {MAX_REASON_CHARS} characters; give a short reason"
            " and a case reference"
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in text):
        raise InvalidReason("--reason must be one line of printable text")
    return text


@lru_cache(maxsize=1)
def _analyzer():
    # The pattern, checksum and gazetteer recognizers, without spaCy: a flag is answered at
    # once, and a hold reason is a short sentence, not a transcript.
    from pipeline.redaction.engine import Analyzer

    return Analyzer.default()


def redact_reason(text: str, language: str | None = None) -> str:
    """The reason with personal data replaced by tags ([PERSON], [NATIONAL_ID] ...)."""
    from pipeline.redaction.operators import redact_text

    redacted, _ = redact_text(text, _analyzer().analyze(text, language), "tag")
    return redacted


def clean_reason(text: str | None) -> str | None:
    """What is kept of a reason a person typed: checked, then redacted (None stays None)."""
    if text is None:
        return None
    redacted = redact_reason(check_reason(text))
    if len(redacted) > MAX_STORED_REASON_CHARS:
        raise InvalidReason("--reason is too long once personal data in it is replaced; shorten it")
    return redacted
