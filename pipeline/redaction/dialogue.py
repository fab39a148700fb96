"""Questions for personal data in an agent's words, and which words of the answer hold it."""

# When an agent asks "can I have your personal number", whatever the customer says next is the
# personal number, whether a recognizer can read it or not. This module works on words only:
# it finds such questions in a text and picks the answer's words; pipeline.answer_windows
# places the answer in time and by speaker.

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.redaction.entities import NUMERIC_TYPES, EntityType
from pipeline.redaction.misheard import Strength, cue_type, number_words

_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_WORD = re.compile(r"[\w'-]+")
# The agent asks about the customer: a second-person word in the same sentence ("ni", "er" are
# left out: they are also "nine" and "is" in Norwegian and Danish).
_YOU = frozenset(
    {"you", "your", "you're", "yours", "du", "ditt", "din", "dina", "dit", "dine", "dig"}
    | {"deres", "jeres", "dere", "deg"}
)
# Questions that ask for a name without a cue word.
_NAME_QUESTIONS = (
    re.compile(r"(?i)\bwho (?:am i speaking|am i talking|is calling|is this)\b"),
    re.compile(r"(?i)\bvem (?:talar|pratar) jag med\b"),
    re.compile(r"(?i)\bhvem (?:snakker|taler) jeg med\b"),
)
# Words an answer opens with before the value itself.
_OPENERS = frozenset(
    {"yes", "yeah", "yep", "sure", "ok", "okay", "so", "well", "um", "uh", "eh", "hi", "hello"}
    | {"it's", "it", "is", "its", "that's", "that", "this", "my", "name", "the", "address"}
    | {"email", "e-mail", "of", "course", "i", "i'm", "am", "called", "and", "number"}
    | {"ja", "jo", "javisst", "visst", "absolut", "hej", "det", "är", "jag", "heter", "min"}
    | {"mitt", "adress", "adressen", "namn", "och", "så", "nå", "e-post", "mejl", "mejlen"}
    | {"jeg", "hedder", "er", "mit", "navn", "navnet", "adresse", "adressen", "og", "mi"}
)
MAX_TEXT_ANSWER_WORDS = 12  # a name, an address, an e-mail address said aloud
MAX_NUMBER_GAP = 4  # words between two number words of one answer


@dataclass(frozen=True)
class Question:
    """A request for personal data of `entity_type` that ends at character `end` of a text."""

    end: int
    entity_type: str


def questions_in(text: str, language: str | None = None) -> list[Question]:
    """Each sentence of `text` that asks the listener for personal data, with what it asks.

    It needs a cue word, heard loosely ("personnumret", "telefonomer", "date of birth"), and
    a second-person word ("your", "ditt", "dit") in the same sentence, or a name question
    ("who am I speaking with"). "My address is ..." is not a question.
    """
    found = []
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        words = [w.lower() for w in _WORD.findall(said)]
        entity_type: str | None = None
        if any(pattern.search(said) for pattern in _NAME_QUESTIONS):
            entity_type = str(EntityType.PERSON)
        if words and _YOU & set(words):
            entity_type = _cue_of(words) or entity_type
        if entity_type is not None:
            found.append(Question(sentence.end(), entity_type))
    return found


def _cue_of(words: Sequence[str]) -> str | None:
    # The last cue said wins: "your name and then your date of birth" asks for the birth date.
    for k in range(len(words) - 1, -1, -1):
        for said in (
            words[k],
            *(("".join(words[k - 1 : k + 1]),) if k else ()),
            *(("".join(words[k - 2 : k + 1]),) if k > 1 else ()),
        ):
            found = cue_type(said)
            if found is not None:
                return found
    return None


def answer_words(words: Sequence[str], entity_type: str, language: str | None) -> range:
    """Which of the answer's `words` hold the value asked for (an empty range: none).

    Numbers: from the first number-like word to the last one said close after it, digits,
    number words and words that sound like them alike. Names, addresses and e-mail addresses:
    the first sentence of the answer, without the words it opens with ("yes, it's").
    """
    if entity_type in NUMERIC_TYPES:
        return _number_words(words, language)
    return _first_sentence(words)


def _number_words(words: Sequence[str], language: str | None) -> range:
    # From the first sure number to the last one said close after it; what is between goes too.
    lexicon = number_words(language)
    first = last = None
    for k, word in enumerate(words):
        bare = word.strip(",.?!:;")
        sure = any(ch.isdigit() for ch in bare) or (
            bare.isalpha() and lexicon.classify(bare) is Strength.STRONG
        )
        if not sure:
            if last is not None and k - last > MAX_NUMBER_GAP:
                break
            continue
        first = k if first is None else first
        last = k
    return range(0) if first is None or last is None else range(first, last + 1)


def _first_sentence(words: Sequence[str]) -> range:
    start = 0
    while start < len(words) and words[start].lower().strip(",.?!") in _OPENERS:
        start += 1
    end = start
    while end < len(words) and end - start < MAX_TEXT_ANSWER_WORDS:
        end += 1
        if words[end - 1].endswith((".", "?", "!")):
            break
    return range(start, end)
