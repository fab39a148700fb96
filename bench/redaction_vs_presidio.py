"""varsam against Presidio (default recognizers, same spaCy model) on one corpus, in one run.

.venv/bin/python bench/redaction_vs_presidio.py [--corpus PATH] [--json OUT] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation import SENSITIVE_TYPES, EvaluationResult, load_corpus, run_evaluation
from pipeline.evaluation.report import format_comparison, percent, result_to_dict
from workers.cli.eval import presidio_analyze, varsam_analyze

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests/fixtures/redaction_corpus/corpus.json"
# The targets: on speech a fifth of Presidio's leaks at most, on text no more.
SPOKEN_LEAK_RATIO = 1 / 5
WRITTEN_LEAK_RATIO = 1.0


@dataclass(frozen=True)
class Target:
    """One of the issue's targets, with the two numbers it compares."""

    name: str
    varsam: float
    presidio: float
    ratio: float
    higher_is_better: bool = False

    @property
    def met(self) -> bool:
        if self.higher_is_better:
            return self.varsam >= self.presidio * self.ratio
        return self.varsam <= self.presidio * self.ratio


def sensitive_leak(result: EvaluationResult, slice_name: str) -> float:
    """Leak rate over the sensitive types in one slice (0 when it has none)."""
    return result.sum_over(slice_name, SENSITIVE_TYPES).leak_rate or 0.0


def targets(ours: EvaluationResult, theirs: EvaluationResult) -> list[Target]:
    """The issue's three targets: spoken leaks, written leaks, throughput."""
    return [
        Target(
            "sensitive leak rate, spoken",
            sensitive_leak(ours, "spoken"),
            sensitive_leak(theirs, "spoken"),
            SPOKEN_LEAK_RATIO,
        ),
        Target(
            "sensitive leak rate, written",
            sensitive_leak(ours, "written"),
            sensitive_leak(theirs, "written"),
            WRITTEN_LEAK_RATIO,
        ),
        Target("chars/second", ours.chars_per_second, theirs.chars_per_second, 1.0, True),
    ]


def _format_target(t: Target) -> str:
    if t.higher_is_better:
        numbers = f"{t.varsam:,.0f} vs {t.presidio:,.0f} (x{t.varsam / t.presidio:.2f})"
        goal = "varsam >= presidio"
    else:
        share = t.varsam / t.presidio if t.presidio else float("inf")
        numbers = f"{percent(t.varsam)} vs {percent(t.presidio)} (ratio {share:.2f})"
        goal = f"ratio <= {t.ratio:.2f}"
    return f"{'MET    ' if t.met else 'NOT MET'}  {t.name}: {numbers}; target {goal}"


def report(ours: EvaluationResult, theirs: EvaluationResult) -> str:
    """Side-by-side tables per form and overall, throughput and the targets."""
    parts = [
        f"corpus: {ours.samples} utterances, {ours.characters:,} chars; "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    ]
    for slice_name in ("spoken", "written", "all"):
        parts += ["", f"[{slice_name}]", format_comparison(ours, theirs, slice_name)]
    parts += ["", "[sensitive leak rate by slice]"]
    for slice_name in ours.slices:
        a, b = sensitive_leak(ours, slice_name), sensitive_leak(theirs, slice_name)
        parts.append(f"  {slice_name:<12} varsam {percent(a):>6}   presidio {percent(b):>6}")
    parts += ["", "[throughput, analysis only]"]
    for result in (ours, theirs):
        parts.append(
            f"  {result.system:<9} {result.chars_per_second:>10,.0f} chars/s"
            f"  ({result.seconds:.2f} s)"
        )
    parts += ["", "[targets]", *(_format_target(t) for t in targets(ours, theirs))]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run both systems on the corpus and print the comparison; --check fails on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write both results as JSON here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    args = parser.parse_args(argv)
    samples = load_corpus(args.corpus)
    ours = run_evaluation("varsam", samples, varsam_analyze())
    theirs = run_evaluation("presidio", samples, presidio_analyze())
    print(report(ours, theirs))
    if args.json:
        both = {"varsam": result_to_dict(ours), "presidio": result_to_dict(theirs)}
        args.json.write_text(json.dumps(both, indent=2), encoding="utf-8")
    return 1 if args.check and not all(t.met for t in targets(ours, theirs)) else 0


if __name__ == "__main__":
    sys.exit(main())
