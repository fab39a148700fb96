"""E-mail addresses said aloud that the normalizer cannot join: misheard or multi-word parts."""

# "john dot smith at example dot com" is joined by the normalizer and found by the e-mail
# recognizer; "anna witfield at memple dot com" is not (a local part of two words), and a
# recognizer that mishears the domain ("memple") still leaves an address. The whole spoken
# address, from the local part to the top-level domain, is one span.

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer
from pipeline.redaction.recognizers.gazetteer import load_gazetteer
from pipeline.redaction.span import Span

_AT = r"(?:at|@|snabel-?\s?a|alfakrøll|krøllalfa)"
_AT_WORDS = frozenset({"at", "@", "snabel-a", "snabela", "snabel", "alfakrøll", "krøllalfa"})
_WORD = re.compile(r"\S+")
# Said between the cue and the address: "ska vara", "skal være", "is going to be".
_OPENERS = frozenset({"ska", "skal", "vara", "være", "vere", "blir", "going", "be", "will"})
_DOT = r"(?:dot|punktum|punkt|prikk|prick|\.)"
_PART = r"[\w'-]+"
_DOMAIN = rf"{_PART}(?:\s*{_DOT}\s*{_PART})*"
_TLD = r"(?:com|se|no|dk|fi|org|net|nu|co|uk|io|de|eu|info|biz|me)"
_CUE = (
    r"(?:e-?mail|e-?post|mejl|mail)(?:\s*-?\s*(?:address|adress|adresse)n?)?"
    r"(?:en|et)?(?:\s+(?:is|är|er|it's|it\s+is))?\s*:?\s+"
)
# After a cue: up to four words, "at", a domain with at least one dot.
CUED_REGEX = (
    rf"(?i)\b{_CUE}(?P<value>{_PART}(?:\s+{_PART}){{0,3}}?\s+{_AT}\s+{_PART}"
    rf"(?:\s*{_DOT}\s*{_PART})+)"
)
# Without a cue: "<word> at <domain> dot <tld>", the top-level domain from a short list.
UNCUED_REGEX = (
    rf"(?i)(?<![\w.])(?P<value>{_PART}(?:\s+{_DOT}\s+{_PART})*\s+{_AT}\s+{_DOMAIN}"
    rf"\s*{_DOT}\s*{_TLD})(?![\w])"
)


@dataclass(frozen=True)
class SpokenEmailRecognizer:
    """Spoken e-mail addresses, whole, after an e-mail cue or ending in a known domain."""

    patterns: PatternRecognizer
    name: str = "spoken_email"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = False

    def analyze(self, text: str) -> list[Span]:
        """Each address said aloud, without the words said before it ("ska vara", "min er")."""
        spans = []
        for span in self.patterns.analyze(text):
            start = span.start
            for word in _WORD.finditer(text, span.start, span.end):
                if not _is_filler(word.group()):
                    break
                start = word.end()
            while start < span.end and text[start].isspace():
                start += 1
            if start < span.end and text[start : span.end].split()[0].lower() not in _AT_WORDS:
                spans.append(replace(span, start=start))
        return spans


def _is_filler(word: str) -> bool:
    return word.lower() in _OPENERS or load_gazetteer().is_stop_word(word, None)


def spoken_email_recognizer() -> SpokenEmailRecognizer:
    """Spoken e-mail addresses, whole, after an e-mail cue or ending in a known domain."""
    return SpokenEmailRecognizer(
        PatternRecognizer(
            name="spoken_email",
            entity_type=EntityType.EMAIL,
            patterns=(
                Pattern("cued_spoken_email", CUED_REGEX, 0.6),
                Pattern("spoken_email", UNCUED_REGEX, 0.5),
            ),
            runs_on_normalized=False,
        )
    )
