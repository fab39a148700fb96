"""A speech evaluation set: utterances (audio file, layout, spoken turns) and their true values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.corpus import InvalidCorpus

LAYOUTS = ("mono", "stereo")


@dataclass(frozen=True)
class TrueValue:
    """A personal value spoken in an utterance: its type, written form and the words said."""

    type: str
    value: str
    spoken: str


@dataclass(frozen=True)
class Turn:
    """What one speaker said (the reference text), "agent" or "customer"."""

    speaker: str
    text: str


@dataclass(frozen=True)
class Utterance:
    """One synthesized call fragment with its ground truth."""

    id: str
    audio: Path
    language: str
    layout: str
    telephone: bool
    voice: str
    speed: int
    turns: tuple[Turn, ...]
    values: tuple[TrueValue, ...]

    @property
    def stereo(self) -> bool:
        """Agent on the left channel, customer on the right."""
        return self.layout == "stereo"

    @property
    def dialogue(self) -> bool:
        """The agent's question is in the audio too."""
        return any(t.speaker == "agent" for t in self.turns)


@dataclass(frozen=True)
class SpeechSet:
    """A named set of utterances, read from `<folder>/manifest.json`."""

    name: str
    folder: Path
    utterances: tuple[Utterance, ...]


def load_speech_set(folder: Path) -> SpeechSet:
    """Read a set's manifest; audio paths are resolved against its folder."""
    manifest = folder / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidCorpus(f"no manifest.json in {folder}") from exc
    except json.JSONDecodeError as exc:
        raise InvalidCorpus(f"{manifest} is not valid JSON (line {exc.lineno})") from exc
    try:
        utterances = tuple(_utterance(u, folder) for u in data["utterances"])
        name = str(data.get("set") or folder.name)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidCorpus(f"{manifest}: malformed utterance ({type(exc).__name__})") from exc
    return SpeechSet(name, folder, utterances)


def _utterance(item: dict, folder: Path) -> Utterance:
    layout = item["layout"]
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r}")
    return Utterance(
        id=str(item["id"]),
        audio=folder / item["file"],
        language=str(item["language"]),
        layout=layout,
        telephone=bool(item.get("telephone", False)),
        voice=str(item.get("voice", "")),
        speed=int(item.get("speed", 0)),
        turns=tuple(Turn(t["speaker"], t["text"]) for t in item["turns"]),
        values=tuple(TrueValue(v["type"], v["value"], v["spoken"]) for v in item["values"]),
    )


def interleaved(utterances: tuple[Utterance, ...]) -> tuple[Utterance, ...]:
    """The utterances with languages mixed in proportion, so that any prefix (`--limit N`)
    is a fair sample of the whole set rather than its first language only."""
    by_language: dict[str, list[Utterance]] = {}
    for utt in utterances:
        by_language.setdefault(utt.language, []).append(utt)
    keyed = [
        ((i + 0.5) / len(group), language, utt)
        for language, group in sorted(by_language.items())
        for i, utt in enumerate(group)
    ]
    return tuple(utt for _, _, utt in sorted(keyed, key=lambda k: (k[0], k[1])))
