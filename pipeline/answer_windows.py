"""Dialogue-aware redaction over a transcript: the customer's answer to a question for personal
data, placed by speaker and time; and the words of each segment with their places."""

# Stereo calls say who speaks: the agent asks, the customer's words after the question and
# before the agent speaks again are the answer. Mono calls do not: the answer is what is said
# after the question, in the same segment and the next ones. Either way the window is bounded
# (seconds and words), so one question never redacts a whole call.

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.redaction.dialogue import Question, answer_words, questions_in
from pipeline.redaction.span import Span
from pipeline.redaction.widen import UNSURE, PlacedWord
from pipeline.transcript import STEREO_ROLES, Segment, Transcript

WINDOW_S = 20.0  # an answer starts and ends within this many seconds of the question
WINDOW_WORDS = 30
EARLY_S = 0.3  # word timestamps are loose: an answer word may start this much before
DIALOGUE_SCORE = 0.45
_AGENT, _CUSTOMER = STEREO_ROLES
_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True)
class TimedWord(PlacedWord):
    """A recognised word: its characters in its segment's text, its time and probability."""

    segment: int = 0
    t_start: float = 0.0
    t_end: float = 0.0


def placed_words(index: int, segment: Segment) -> list[TimedWord]:
    """The segment's words where they stand in its text; without recognised words, its
    whitespace-separated words with times spread evenly over the segment."""
    if segment.words:
        placed, cursor = [], 0
        for word in segment.words:
            at = segment.text.find(word.text, cursor) if word.text else -1
            if at < 0:
                continue
            cursor = at + len(word.text)
            placed.append(TimedWord(at, cursor, word.probability, index, word.start, word.end))
        return placed
    chunks = list(_CHUNK.finditer(segment.text))
    step = (segment.end - segment.start) / max(len(chunks), 1)
    return [
        TimedWord(
            m.start(), m.end(), 1.0, index, segment.start + k * step, segment.start + (k + 1) * step
        )
        for k, m in enumerate(chunks)
    ]


@dataclass(frozen=True)
class TranscriptRedaction:
    """What redaction uses beyond a transcript's text (`[redaction]` settings).

    `dialogue_window_s`: how long after a question for personal data its answer is redacted
    (0: never); `unsure_probability`: below it, a recognised word beside personal data is
    redacted with it (0: never).
    """

    dialogue_window_s: float = WINDOW_S
    unsure_probability: float = UNSURE


def answer_spans(transcript: Transcript, window_s: float = WINDOW_S) -> dict[int, list[Span]]:
    """Segment-local spans over the answers to questions for personal data, by segment index."""
    if window_s <= 0:
        return {}
    segments = transcript.segments
    words = [placed_words(i, s) for i, s in enumerate(segments)]
    stereo = any(s.speaker in STEREO_ROLES for s in segments)
    spans: dict[int, list[Span]] = {}
    for index, segment in enumerate(segments):
        if stereo and segment.speaker != _AGENT:
            continue
        questions = questions_in(segment.text, transcript.language)
        for number, question in enumerate(questions):
            # "What is your customer number? ... And your name?": the next question ends this
            # one's answer.
            following = questions[number + 1 :]
            until = _said_at(words[index], segment, following[0]) if following else None
            window = (
                _stereo_window(segments, words, index, question, window_s, until)
                if stereo
                else _mono_window(segments, words, index, question, transcript.language, window_s)
            )
            chosen = answer_words(
                [segments[w.segment].text[w.start : w.end] for w in window],
                question.entity_type,
                transcript.language,
            )
            by_segment: dict[int, list[TimedWord]] = {}
            for word_index in chosen:
                by_segment.setdefault(window[word_index].segment, []).append(window[word_index])
            for k, placed in by_segment.items():
                # Whisper's word times are not always in order: take the words' extent.
                last = max(placed, key=lambda w: w.end)
                start, end = (
                    min(w.start for w in placed),
                    _without_punctuation(segments[k].text, last),
                )
                spans.setdefault(k, []).append(
                    Span(start, end, question.entity_type, DIALOGUE_SCORE, "dialogue")
                )
    return spans


def _without_punctuation(text: str, word: TimedWord) -> int:
    end = word.end
    while end > word.start + 1 and text[end - 1] in ",.?!:;":
        end -= 1
    return end


def _asked_at(words: list[TimedWord], segment: Segment, question: Question) -> float:
    # When the question was said: the end of its last word (or of the segment).
    said = [w.t_end for w in words if w.start < question.end]
    return max(said) if said else segment.end


def _said_at(words: list[TimedWord], segment: Segment, question: Question) -> float:
    # When a question began: the start of the first word of its sentence.
    begins = _sentence_start(segment, question.end)
    said = [w.t_start for w in words if w.start >= begins]
    return min(said) if said else segment.end


def _stereo_window(
    segments: tuple[Segment, ...],
    words: list[list[TimedWord]],
    index: int,
    question: Question,
    window_s: float,
    next_question: float | None,
) -> list[TimedWord]:
    """The customer's words after the question, until the agent speaks again."""
    asked = _asked_at(words[index], segments[index], question)
    next_agent = min(
        (s.start for s in segments if s.speaker == _AGENT and s.start > asked),
        default=float("inf"),
    )
    until = min(next_agent, asked + window_s, next_question or float("inf"))
    window = [
        w
        for k, s in enumerate(segments)
        if s.speaker == _CUSTOMER
        for w in words[k]
        if asked - EARLY_S <= w.t_start < until
    ]
    return sorted(window, key=lambda w: w.t_start)[:WINDOW_WORDS]


def _mono_window(
    segments: tuple[Segment, ...],
    words: list[list[TimedWord]],
    index: int,
    question: Question,
    language: str,
    window_s: float,
) -> list[TimedWord]:
    """What is said after the question in its segment, or else in the next segment (up to the
    next question): with no speakers to tell them apart, one stretch of speech is the answer."""
    asked = _asked_at(words[index], segments[index], question)
    window = [w for w in words[index] if w.start >= question.end]
    if not window and index + 1 < len(segments) and segments[index + 1].start <= asked + window_s:
        following = segments[index + 1]
        asks = questions_in(following.text, language)
        cut = _sentence_start(following, asks[0].end) if asks else len(following.text)
        window = [w for w in words[index + 1] if w.end <= cut]
    return window[:WINDOW_WORDS]


def _sentence_start(segment: Segment, question_end: int) -> int:
    # Where the sentence that ends at `question_end` begins.
    before = segment.text[:question_end].rstrip(".?! ")
    cut = max(before.rfind("."), before.rfind("?"), before.rfind("!"))
    return cut + 1 if cut >= 0 else 0
