"""Writes the labelled redaction corpus (presidio-research JSON), written and spoken forms.

    .venv/bin/python scripts/make_redaction_corpus.py [--out PATH] [--seed N] [--heldout]

Deterministic for a seed. `--heldout` writes the held-out corpus instead (heldout.json): another
seed, and sentence frames, names, streets, towns and domains that corpus.json never uses, so
that recognizers tuned on corpus.json are measured honestly. Every identifier is fake but
passes its checksum; spoken utterances read as Whisper writes speech: lowercase, numbers as
words or as Whisper's digit layouts.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redaction_corpus import people
from redaction_corpus.templates import (
    HELDOUT_SAMPLES_PER_LANGUAGE,
    HELDOUT_TEMPLATES,
    SAMPLES_PER_LANGUAGE,
    TEMPLATES,
)
from redaction_corpus.values import GENERATORS

from pipeline.evaluation.corpus import GoldSpan, Sample, dump_corpus

FIXTURES = Path(__file__).resolve().parents[1] / "tests/fixtures/redaction_corpus"
DEFAULT_OUT = FIXTURES / "corpus.json"
HELDOUT_OUT = FIXTURES / "heldout.json"
DEFAULT_SEED = 20240611
HELDOUT_SEED = 7041993
_SLOT = re.compile(r"\{([A-Z_]+)\}")
_PUNCTUATION = re.compile(r"[.,?!]")


def speech_text(literal: str, lowercase: bool, strip: bool) -> str:
    """Template text as Whisper might write it: often lowercase, sometimes unpunctuated."""
    if lowercase:
        literal = literal.lower()
    if strip:
        literal = _PUNCTUATION.sub("", literal)
    return literal


def render(template: str, lang: str, form: str, rng: random.Random) -> tuple[str, list[GoldSpan]]:
    """Fill a template's slots; returns the text and exact spans of what was filled in."""
    lowercase = form == "spoken" and rng.random() < 0.6
    strip = form == "spoken" and rng.random() < 0.5
    text, spans, cursor = "", [], 0
    for match in _SLOT.finditer(template):
        literal = template[cursor : match.start()]
        text += speech_text(literal, lowercase, strip) if form == "spoken" else literal
        entity_type = match.group(1)
        written, said = GENERATORS[entity_type](rng, lang)
        value = said if form == "spoken" else written
        if form == "spoken" and lowercase:
            value = value.lower()
        start = len(text)
        text += value
        spans.append(GoldSpan(entity_type, value, start, len(text)))
        cursor = match.end()
    tail = template[cursor:]
    text += speech_text(tail, lowercase, strip) if form == "spoken" else tail
    for span in spans:
        assert text[span.start_position : span.end_position] == span.entity_value, span
    return text, spans


def make_corpus(seed: int | None = None, heldout: bool = False) -> list[Sample]:
    """The whole corpus: per language, alternating written and spoken utterances.

    `heldout` draws templates and names, streets, towns and domains from the held-out pools.
    """
    if seed is None:
        seed = HELDOUT_SEED if heldout else DEFAULT_SEED
    people.use_heldout(heldout)
    try:
        return _make(random.Random(seed), heldout)
    finally:
        people.use_heldout(False)


def _make(rng: random.Random, heldout: bool) -> list[Sample]:
    samples = []
    counts = HELDOUT_SAMPLES_PER_LANGUAGE if heldout else SAMPLES_PER_LANGUAGE
    prefix = "heldout-" if heldout else ""
    for lang, count in counts.items():
        templates = (HELDOUT_TEMPLATES if heldout else TEMPLATES)[lang]
        # After one pass over every template, sentences with entities come up three times as often.
        weights = [3 if _SLOT.search(t) else 1 for t in templates]
        for i in range(count):
            if i < len(templates):
                template_id = i
            else:
                template_id = rng.choices(range(len(templates)), weights)[0]
            form = "written" if i % 2 == 0 else "spoken"
            text, spans = render(templates[template_id], lang, form, rng)
            samples.append(
                Sample(
                    full_text=text,
                    spans=tuple(spans),
                    language=lang,
                    form=form,
                    metadata={"template_id": f"{prefix}{lang}-{template_id}"},
                )
            )
    return samples


def main(argv: list[str] | None = None) -> None:
    """Write the corpus to --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="default: corpus.json, or heldout.json")
    parser.add_argument("--seed", type=int, help="default: the seed of the chosen corpus")
    parser.add_argument(
        "--heldout", action="store_true", help="the held-out corpus: other templates and values"
    )
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = HELDOUT_OUT if args.heldout else DEFAULT_OUT
    samples = make_corpus(args.seed, heldout=args.heldout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump_corpus(samples), encoding="utf-8")
    entities = sum(len(s.spans) for s in samples)
    print(f"wrote {len(samples)} utterances, {entities} entities to {args.out}")


if __name__ == "__main__":
    main()
