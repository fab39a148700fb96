"""Totals of a speech evaluation per type and per condition, as a table or as JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.evaluation.speech_scoring import UtteranceScore


@dataclass(frozen=True)
class LeakTally:
    """Values of one group: how many, how many the recognizer wrote out, how many leaked."""

    values: int = 0
    heard: int = 0
    leaked: int = 0

    @property
    def leak_rate(self) -> float:
        """Leaked values over all values."""
        return self.leaked / self.values if self.values else 0.0

    @property
    def heard_rate(self) -> float:
        """Values the unredacted transcript holds (by the same rule) over all values."""
        return self.heard / self.values if self.values else 0.0


@dataclass(frozen=True)
class SpeechResult:
    """A whole run: the set, the model, and every utterance's scores."""

    set_name: str
    model: str
    scores: tuple[UtteranceScore, ...]

    def by_type(self) -> dict[str, LeakTally]:
        """Leak tallies per value type."""
        return self._tally(lambda _u, v: v.type)

    def by_condition(self) -> dict[str, LeakTally]:
        """Leak tallies per language, layout and channel band."""
        groups: dict[str, LeakTally] = {}
        for name, key in (
            ("language", lambda u, _v: u.language),
            ("layout", lambda u, _v: u.layout),
            ("band", lambda u, _v: "telephone" if u.telephone else "wideband"),
        ):
            for label, tally in self._tally(key).items():
                groups[f"{name}={label}"] = tally
        return groups

    def total(self) -> LeakTally:
        """Leak tally over every value."""
        return self._tally(lambda _u, _v: "all").get("all", LeakTally())

    def _tally(self, key: Callable) -> dict[str, LeakTally]:
        out: dict[str, LeakTally] = {}
        for utt in self.scores:
            for value in utt.values:
                group = key(utt, value)
                t = out.get(group, LeakTally())
                out[group] = LeakTally(t.values + 1, t.heard + value.heard, t.leaked + value.leaked)
        return dict(sorted(out.items()))

    @property
    def over_redaction(self) -> float:
        """Non-personal reference words the recognizer got right that the redactor removed."""
        kept = sum(s.kept_by_asr for s in self.scores)
        return sum(s.removed for s in self.scores) / kept if kept else 0.0

    def over_redaction_for(self, predicate: Callable[[UtteranceScore], bool]) -> float:
        """Over-redaction over the utterances that `predicate` selects."""
        chosen = [s for s in self.scores if predicate(s)]
        kept = sum(s.kept_by_asr for s in chosen)
        return sum(s.removed for s in chosen) / kept if kept else 0.0

    @property
    def wer(self) -> float:
        """Word error rate of the recognizer against the spoken text (digits count as words)."""
        words = sum(s.ref_words for s in self.scores)
        return sum(s.word_errors for s in self.scores) / words if words else 0.0

    def leaked(self) -> list[tuple[str, str]]:
        """(utterance id, type) of every leaked value."""
        return [(v.utterance, v.type) for s in self.scores for v in s.values if v.leaked]


def _types_of(result: SpeechResult) -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for s in result.scores:
        for v in s.values:
            types.setdefault(v.type, set()).add(s.id)
    return types


def format_speech_report(result: SpeechResult) -> str:
    """The table `varsam eval speech` prints."""
    lines = [
        f"speech set {result.set_name}: {len(result.scores)} utterances, model {result.model}, "
        f"ASR WER {result.wer:.3f}",
        "",
        f"{'type':<16} {'values':>6} {'in ASR':>7} {'leaked':>6} {'leak':>6} {'over-red.':>9}",
    ]
    users = _types_of(result)
    for name, t in result.by_type().items():
        over = result.over_redaction_for(lambda s, ids=users[name]: s.id in ids)
        lines.append(
            f"{name:<16} {t.values:>6} {t.heard_rate:>7.2f} {t.leaked:>6} {t.leak_rate:>6.3f} "
            f"{over:>9.3f}"
        )
    total = result.total()
    lines.append(
        f"{'total':<16} {total.values:>6} {total.heard_rate:>7.2f} {total.leaked:>6} "
        f"{total.leak_rate:>6.3f} {result.over_redaction:>9.3f}"
    )
    lines += ["", f"{'condition':<24} {'values':>6} {'leaked':>6} {'leak':>6}"]
    for name, t in result.by_condition().items():
        lines.append(f"{name:<24} {t.values:>6} {t.leaked:>6} {t.leak_rate:>6.3f}")
    return "\n".join(lines)


def speech_result_to_dict(result: SpeechResult) -> dict[str, Any]:
    """JSON-ready totals (counts and rates; no text)."""

    def tally(t: LeakTally) -> dict[str, Any]:
        return {
            "values": t.values,
            "heard": t.heard,
            "leaked": t.leaked,
            "leak_rate": round(t.leak_rate, 4),
        }

    return {
        "set": result.set_name,
        "model": result.model,
        "utterances": len(result.scores),
        "wer": round(result.wer, 4),
        "over_redaction": round(result.over_redaction, 4),
        "total": tally(result.total()),
        "by_type": {k: tally(v) for k, v in result.by_type().items()},
        "by_condition": {k: tally(v) for k, v in result.by_condition().items()},
    }
