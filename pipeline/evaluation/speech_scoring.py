"""Leak rules for personal values in a redacted transcript, over-redaction and word error rate.

A value *leaks* when any of these survives in the redacted text:
- number-like values (national id, phone, card, IBAN, postcode, date of birth, customer id):
  any four consecutive digits of the value (any of the layouts a date is written in), found in
  a run of digits of the text after number words are read as digits;
- names and street names: any token of the value within one edit of a word of the text
  (case and diacritics ignored; tokens of three letters or fewer must match exactly);
- e-mail addresses: a part of the local part, or the domain's name, by the same word rule,
  or the local part (five or more characters) inside the text with spaces removed.
A word of the text that is also a non-personal word of the reference (a frame word such as
"Street" or "call") is never counted as a name leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.evaluation.speech_set import Utterance
from pipeline.evaluation.spoken_tokens import DIGIT, WORD, Token, digit_runs, fold, tokens

NUMBER_TYPES = frozenset(
    {
        "NATIONAL_ID",
        "PHONE",
        "CARD_NUMBER",
        "IBAN",
        "POSTCODE",
        "DATE_OF_BIRTH",
        "CUSTOMER_ID",
        "BANK_ACCOUNT",
        "ORG_NUMBER",
    }
)
WORD_TYPES = frozenset({"PERSON", "STREET_ADDRESS", "EMAIL", "LOCATION", "ORGANIZATION"})
MIN_DIGITS = 4
# Generic street words: not personal on their own ("Lane", "vägen").
_STREET_WORDS = "street lane road avenue close drive way crescent court place gatan vagen grand "
STREET_WORDS = frozenset(
    (_STREET_WORDS + "stigen veien gata bakken vej gade alle allen gate").split()
)
NORDIC_STREET_SUFFIXES = ("gatan", "vagen", "grand", "stigen", "veien", "gata", "bakken", "vej")
NORDIC_STREET_SUFFIXES += ("gade", "alle", "allen")


@dataclass(frozen=True)
class LeakKeys:
    """What of a value must not survive: digit strings (four-digit windows) and word keys."""

    digits: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    compact: tuple[str, ...] = ()  # matched inside the text with spaces removed


def leak_keys(value_type: str, value: str) -> LeakKeys:
    """The keys a value leaks by, from its type and written form."""
    if value_type in NUMBER_TYPES:
        forms = [_digits(value)]
        if value_type == "DATE_OF_BIRTH":
            forms = _date_forms(value) or forms
        return LeakKeys(digits=tuple(f for f in forms if len(f) >= MIN_DIGITS))
    if value_type == "EMAIL":
        local, _, domain = value.partition("@")
        parts = [fold(p) for p in re.split(r"[._+\-]", local) if len(p) >= 3]
        name = fold(domain.split(".")[0])
        compact = [fold(re.sub(r"[^\w]", "", local))]
        return LeakKeys(
            words=tuple(dict.fromkeys([*parts, name])),
            compact=tuple(c for c in compact if len(c) >= 5),
        )
    if value_type == "STREET_ADDRESS":
        keys: list[str] = []
        for word in re.findall(r"[^\W\d_]+", value):
            folded = fold(word)
            if folded in STREET_WORDS:
                continue
            keys.append(folded)
            for suffix in NORDIC_STREET_SUFFIXES:
                if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
                    keys.append(folded[: -len(suffix)])
        return LeakKeys(words=tuple(dict.fromkeys(keys)))
    return LeakKeys(words=tuple(fold(w) for w in re.findall(r"[^\W\d_]+", value)))


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def _date_forms(value: str) -> list[str]:
    try:
        d = date.fromisoformat(value)
    except ValueError:
        return []
    return [d.strftime(f) for f in ("%Y%m%d", "%d%m%Y", "%m%d%Y", "%d%m%y", "%y%m%d")]


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most one."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _word_match(key: str, word: str) -> bool:
    if len(key) <= 3 or len(word) <= 3:
        return key == word
    return within_one_edit(key, word)


def leaks(keys: LeakKeys, toks: Sequence[Token], frame_words: Iterable[str] = ()) -> bool:
    """Whether anything of a value (its keys) survives in the tokens of a text."""
    runs = digit_runs(list(toks))
    for form in keys.digits:
        windows = {form[i : i + MIN_DIGITS] for i in range(len(form) - MIN_DIGITS + 1)}
        if any(w in run for run in runs for w in windows):
            return True
    frame = set(frame_words)
    text_words = [fold(t.text) for t in toks if t.kind == WORD]
    for key in keys.words:
        for word in text_words:
            if word in frame and word != key:
                continue
            if _word_match(key, word):
                return True
    squashed = "".join(t.text if t.kind == DIGIT else fold(t.text) for t in toks if t.kind != "tag")
    return any(c in squashed for c in keys.compact)


# --- reference, alignment, word error rate, over-redaction ---------------------------------------


def reference_tokens(utt: Utterance) -> list[tuple[Token, bool]]:
    """Every reference token with whether it belongs to a personal value."""
    out: list[tuple[Token, bool]] = []
    for turn in utt.turns:
        spans, cursor = [], 0
        for value in utt.values:
            at = turn.text.find(value.spoken, cursor)
            if at >= 0:
                spans.append((at, at + len(value.spoken)))
                cursor = at + len(value.spoken)
        out.extend(
            (tok, any(a <= tok.start < b for a, b in spans))
            for tok in tokens(turn.text, utt.language)
        )
    return out


def frame_words(utt: Utterance) -> set[str]:
    """Folded non-personal words of the reference (the frame and the agent's question)."""
    return {
        fold(t.text) for t, personal in reference_tokens(utt) if not personal and t.kind == WORD
    }


def _key(tok: Token) -> str:
    return tok.text if tok.kind == DIGIT else fold(tok.text) if tok.kind == WORD else "\x00tag"


def align(ref: Sequence[Token], hyp: Sequence[Token]) -> tuple[int, set[int]]:
    """Edit distance between two token sequences, and the reference indices matched exactly."""
    a, b = [_key(t) for t in ref], [_key(t) for t in hyp]
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
        rows.append(row)
    matched: set[int] = set()
    i, j = len(a), len(b)
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1] and rows[i][j] == rows[i - 1][j - 1]:
            matched.add(i - 1)
            i, j = i - 1, j - 1
        elif rows[i][j] == rows[i - 1][j - 1] + 1:
            i, j = i - 1, j - 1
        elif rows[i][j] == rows[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return rows[len(a)][len(b)], matched


@dataclass(frozen=True)
class ValueScore:
    """One value of one utterance: heard by the recognizer, and left in the redacted text."""

    utterance: str
    type: str
    heard: bool
    leaked: bool


@dataclass(frozen=True)
class UtteranceScore:
    """Scores of one utterance (counts only; no text)."""

    id: str
    language: str
    layout: str
    telephone: bool
    values: tuple[ValueScore, ...]
    ref_words: int
    word_errors: int
    # Non-personal reference tokens the recognizer got right, and how many of them the
    # redactor removed: over-redaction = removed / kept_by_asr.
    kept_by_asr: int
    removed: int


def score_utterance(utt: Utterance, transcript: str, redacted: str) -> UtteranceScore:
    """Score one utterance: its raw transcript (the recognizer's words) and the redacted text."""
    ref = reference_tokens(utt)
    ref_toks = [t for t, _ in ref]
    hyp = tokens(transcript, utt.language)
    out = tokens(redacted, utt.language)
    frame = frame_words(utt)
    values = tuple(
        ValueScore(
            utt.id,
            v.type,
            heard=leaks(leak_keys(v.type, v.value), hyp, frame),
            leaked=leaks(leak_keys(v.type, v.value), out, frame),
        )
        for v in utt.values
    )
    errors, in_asr = align(ref_toks, hyp)
    _, in_redacted = align(ref_toks, out)
    plain = {i for i, (_, personal) in enumerate(ref) if not personal}
    kept = in_asr & plain
    return UtteranceScore(
        id=utt.id,
        language=utt.language,
        layout=utt.layout + ("" if utt.stereo or not utt.dialogue else "-dialogue"),
        telephone=utt.telephone,
        values=values,
        ref_words=len(ref_toks),
        word_errors=errors,
        kept_by_asr=len(kept),
        removed=len(kept - in_redacted),
    )
