"""Spans widened to what was heard as one: a whole address-like word, unsure words beside."""

# A recognizer that mishears one letter of a surname inside an e-mail address writes
# "john.witfield.tellier.c": a name recognizer finds "john" and the rest stays. Such a word
# (letters joined by dots, @ or underscores) is one identifier, so a span inside it covers it
# whole. And Whisper says how sure it is of each word: a word it was unsure of, right beside
# personal data, is most likely more of it (a misheard surname, a misheard domain).

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.span import Span

# A word of letters or digits joined by ".", "@", "_" (not at its ends): an address or handle.
_JOINED_WORD = re.compile(r"[\w'+-]+(?:[.@_][\w'+-]+)+")
_CHUNK = re.compile(r"\S+")
# Below this probability Whisper was unsure of a word.
UNSURE = 0.5
# At most this many unsure words are added on each side of a span.
MAX_UNSURE_WORDS = 3
_SENTENCE_END = (".", "?", "!")


def widen_to_joined_words(text: str, spans: Sequence[Span]) -> list[Span]:
    """`spans` with each one that reaches into an address-like word covering all of it."""
    if not spans:
        return list(spans)
    widened = []
    for span in spans:
        start, end = span.start, span.end
        for chunk in _CHUNK.finditer(text, max(0, start - 200), min(len(text), end + 200)):
            if chunk.end() <= start or chunk.start() >= end:
                continue
            word = _JOINED_WORD.search(chunk.group())
            if word is None:
                continue
            w_start, w_end = chunk.start() + word.start(), chunk.start() + word.end()
            if w_start < end and start < w_end:
                start, end = min(start, w_start), max(end, w_end)
        widened.append(replace(span, start=start, end=end))
    return merge_overlapping(widened)


@dataclass(frozen=True)
class PlacedWord:
    """A recognised word's place in a text and how sure the recognizer was of it."""

    start: int
    end: int
    probability: float


def widen_to_unsure_words(
    text: str, spans: Sequence[Span], words: Sequence[PlacedWord], unsure: float = UNSURE
) -> list[Span]:
    """`spans` grown over unsure words right before or after them, within the sentence.

    A sure word, or a sentence end, stops the growth; an unsure word beside no span stays.
    """
    if not spans or not words:
        return list(spans)
    ordered = sorted(words, key=lambda w: w.start)
    grown = []
    for span in spans:
        inside = [k for k, w in enumerate(ordered) if w.start < span.end and span.start < w.end]
        if not inside:
            grown.append(span)
            continue
        start, end = span.start, span.end
        k = inside[0] - 1
        for _ in range(MAX_UNSURE_WORDS):
            if k < 0 or not _joins(text, ordered[k], start, unsure, before=True):
                break
            start, k = ordered[k].start, k - 1
        k = inside[-1] + 1
        for _ in range(MAX_UNSURE_WORDS):
            if k >= len(ordered) or not _joins(text, ordered[k], end, unsure, before=False):
                break
            end, k = _word_end(text, ordered[k]), k + 1
        grown.append(replace(span, start=start, end=end))
    return merge_overlapping(grown)


def _joins(text: str, word: PlacedWord, edge: int, unsure: float, *, before: bool) -> bool:
    if word.probability >= unsure or not text[word.start : word.end].strip(",.?!"):
        return False
    between = text[word.end : edge] if before else text[edge : word.start]
    if before:
        # A sentence that ended with this word is another sentence.
        return not between.strip(" ,") and not text[word.start : word.end].endswith(_SENTENCE_END)
    return not between.strip(" ,") and text[edge - 1 : edge] not in _SENTENCE_END


def _word_end(text: str, word: PlacedWord) -> int:
    # The word without the punctuation the recognizer wrote after it.
    end = word.end
    while end > word.start + 1 and text[end - 1] in ",.?!":
        end -= 1
    return end
