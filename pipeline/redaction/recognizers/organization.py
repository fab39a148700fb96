"""Organisation names with a legal suffix: "Byggmästarna AB", "Acme Logistics Ltd", "Nordhavn
Consult A/S", "Campbell Plumbing ASA", and lowercase as a recognizer writes them ("smith media
limited", "boyle logistics oy", "price group l l c").

The suffix is found first; the name is the one to three words before it that may name a
company: capitalised words in written text, any word but a function word in lower case. A
lower-case suffix that is also a word or a fragment ("limited", "corporation", "ab") needs two
name words, so "my data is limited" and "it is very limited" name no company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.gazetteer import Gazetteer, load_gazetteer
from pipeline.redaction.span import Span

SCORE = 0.7
MAX_NAME_WORDS = 3

# Legal forms as written (case-sensitive: "AS" and "AB" are words or letters in lower case).
_WRITTEN_SUFFIXES = (
    r"AB|ASA|A/S|AS|ApS|I/S|Oy|Oyj|Ab|Ltd\.?|Limited|LIMITED|Inc\.?|Incorporated|GmbH|mbH|"
    r"AG|KG|LLC|L\.L\.C\.|LLP|plc|PLC|Corp\.?|Corporation|Co\.|BV|B\.V\.|NV|N\.V\.|SA|S\.A\.|"
    r"SARL|Srl|Pty\.? Ltd\.?|Pty|KB|HB|ehf|hf"
)
# Legal forms as a recognizer writes speech, spelled ("l l c") or said.
_SPOKEN_SUFFIXES = (
    r"ltd|limited|inc|incorporated|gmbh|g m b h|llc|l l c|llp|l l p|plc|p l c|corp|"
    r"corporation|asa|a s a|a/s|aps|oy|oyj|ab|a b|pty ltd|proprietary limited|ag"
)
# Lower-case suffixes that are words or letters of everyday speech: two name words needed.
_AMBIGUOUS = frozenset({"limited", "corporation", "ab", "a b", "ag", "inc", "corp"})
_WRITTEN = re.compile(rf"(?<=\s)(?:{_WRITTEN_SUFFIXES})(?![\w/])")
_SPOKEN = re.compile(rf"(?<=\s)(?:{_SPOKEN_SUFFIXES})(?![\w/])")
_WORD_BEFORE = re.compile(r"([^\W_][\w&'’.-]*|&)\s+$")
# Words that join parts of a company name: "Smith & Sons", "Bank of Åland", "Johnson and Co".
_JOINERS = frozenset({"&", "and", "of", "och", "og"})


@dataclass(frozen=True)
class OrganizationRecognizer:
    """Company names ending in a legal form (see the module docstring)."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer, repr=False)
    name: str = "organization"
    languages: frozenset[str] | None = None
    runs_on_normalized: bool = False

    def analyze(self, text: str) -> list[Span]:
        """One span per company name found in `text`."""
        spans = []
        for match in _WRITTEN.finditer(text):
            start = self._name_start(text, match.start(), capitalised=True)
            if start is not None:
                spans.append(Span(start, match.end(), _TYPE, SCORE, self.name))
        for match in _SPOKEN.finditer(text):
            ambiguous = match.group() in _AMBIGUOUS
            start = self._name_start(text, match.start(), capitalised=False, two=ambiguous)
            if start is not None:
                spans.append(Span(start, match.end(), _TYPE, SCORE, self.name))
        return spans

    def _name_start(
        self, text: str, suffix_start: int, capitalised: bool, two: bool = False
    ) -> int | None:
        """Start of the name words before a suffix, or None when too few name it."""
        start, count, position = None, 0, suffix_start
        while count < MAX_NAME_WORDS:
            match = _WORD_BEFORE.search(text, max(0, position - 60), position)
            if match is None:
                break
            word = match.group(1)
            if word.lower() in _JOINERS and start is not None:
                position = match.start()
                continue
            if not self._name_word(word, capitalised):
                break
            start, count, position = match.start(), count + 1, match.start()
        if count == 0 or (two and count < 2):
            return None
        return start

    def _name_word(self, word: str, capitalised: bool) -> bool:
        if self.gazetteer.is_stop_word(word, None) or word.lower() in _JOINERS:
            return False
        if _CONTRACTION.search(word):  # "it's", "we're": no part of a name
            return False
        return word[0].isupper() or word[0].isdigit() if capitalised else True


_TYPE = str(EntityType.ORGANIZATION)
_CONTRACTION = re.compile(r"['’](?:s|re|ll|ve|d|m|t)$", re.IGNORECASE)


def organization_recognizer() -> OrganizationRecognizer:
    """The legal-suffix organisation recognizer."""
    return OrganizationRecognizer()
