"""What tolerance of recognition errors costs: the redactor's characters per second with and
without it (number runs, spoken e-mail addresses, whole address-like words), in one run.

.venv/bin/python bench/tolerance_throughput.py [CORPUS ...]
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

from config.settings import load_settings
from models.redaction import build_analyzer
from pipeline.redaction import engine
from pipeline.redaction.engine import Analyzer
from pipeline.redaction.recognizers.number_run import NumberRunRecognizer
from pipeline.redaction.recognizers.spoken_email import SpokenEmailRecognizer

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests/fixtures/redaction_corpus" / n for n in ("corpus.json", "heldout.json")]
ROUNDS = 3


def main(paths: list[Path]) -> None:
    """Print chars/s without and with the tolerance, alternating rounds so load hits both."""
    with_it, _ = build_analyzer(load_settings().redaction)
    tolerant = (NumberRunRecognizer, SpokenEmailRecognizer)
    without = Analyzer(
        tuple(r for r in with_it.recognizers if not isinstance(r, tolerant)),
        floors=with_it.floors,
    )
    for path in paths:
        items = [(d["full_text"], d["metadata"]["language"]) for d in json.loads(path.read_text())]
        chars = sum(len(text) for text, _ in items)
        for text, language in items:  # warm NER and caches alike for both
            with_it.analyze(text, language)
        seconds = {"without": 0.0, "with": 0.0}
        for _ in range(ROUNDS):
            for name, analyzer in (("without", without), ("with", with_it)):
                unwidened = mock.patch.object(engine, "widen_to_joined_words", lambda _t, s: s)
                with unwidened if name == "without" else nullcontext():
                    started = time.perf_counter()
                    for text, language in items:
                        analyzer.analyze(text, language)
                    seconds[name] += time.perf_counter() - started
        rate = {name: chars * ROUNDS / s for name, s in seconds.items()}
        print(
            f"{path.name}: without {rate['without']:,.0f} chars/s, with {rate['with']:,.0f} "
            f"chars/s, ratio {rate['with'] / rate['without']:.2f}"
        )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or CORPORA)
