"""varsam against Presidio (default recognizers, same spaCy model) on the corpora, in one run.

.venv/bin/python bench/redaction_vs_presidio.py [--corpus PATH ...] [--json OUT] [--check]

Without --corpus every corpus in tests/fixtures/redaction_corpus runs, each with its own
tables, then one summary row per corpus side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation import (
    SENSITIVE_TYPES,
    AnalyzeFn,
    EvaluationResult,
    Sample,
    load_corpus,
    run_evaluation,
)
from pipeline.evaluation.report import format_comparison, percent, result_to_dict
from workers.cli.eval import presidio_analyze, varsam_analyze

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "tests/fixtures/redaction_corpus"
# The project's own corpora first, then the English ones; held-out sets beside their tuning set.
DEFAULT_CORPORA = tuple(
    CORPUS_DIR / name
    for name in ("corpus.json", "heldout.json", "tuning_en.json", "heldout_en.json")
)
# The targets: on speech a fifth of Presidio's leaks at most, on text a third.
SPOKEN_LEAK_RATIO = 1 / 5
WRITTEN_LEAK_RATIO = 1 / 3
# Over-redaction (share of redacted characters outside every gold span) at most this.
MAX_OVER_REDACTION = 0.10


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
        Target("over-redaction", over_redaction(ours), MAX_OVER_REDACTION, 1.0),
    ]


def over_redaction(result: EvaluationResult, slice_name: str = "all") -> float:
    """Share of redacted characters that lie outside every gold span (0 when none redacted)."""
    return result.tally(slice_name).over_redaction or 0.0


def _format_target(t: Target) -> str:
    if t.name == "over-redaction":
        numbers = f"{percent(t.varsam)}"
        goal = f"<= {percent(t.presidio)}"
    elif t.higher_is_better:
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


def fastest_of(
    rounds: int, samples: list[Sample], ours_fn: AnalyzeFn, theirs_fn: AnalyzeFn
) -> tuple[EvaluationResult, EvaluationResult]:
    """Each system's fastest of `rounds` runs, the two taking turns, so that load from other
    processes on a shared machine weighs on both alike (what they find does not change)."""
    ours: EvaluationResult | None = None
    theirs: EvaluationResult | None = None
    for _ in range(max(1, rounds)):
        a = run_evaluation("varsam", samples, ours_fn)
        b = run_evaluation("presidio", samples, theirs_fn)
        ours = a if ours is None or a.seconds < ours.seconds else ours
        theirs = b if theirs is None or b.seconds < theirs.seconds else theirs
    assert ours is not None and theirs is not None
    return ours, theirs


def summary(runs: list[tuple[str, EvaluationResult, EvaluationResult]]) -> str:
    """One row per corpus: sensitive leak written / spoken, over-redaction, chars/s, ratios."""
    header = (
        f"{'corpus':<16}{'leak written v/p':>20}{'ratio':>7}{'leak spoken v/p':>20}{'ratio':>7}"
        f"{'over-red. v/p':>17}{'chars/s v/p':>20}{'x':>6}  targets"
    )
    rows = [header, "-" * len(header)]
    for name, ours, theirs in runs:
        cells = []
        for slice_name in ("written", "spoken"):
            a, b = sensitive_leak(ours, slice_name), sensitive_leak(theirs, slice_name)
            cells.append(f"{percent(a):>9} / {percent(b):>7}")
            cells.append(f"{a / b:.2f}" if b else "-")
        over = f"{percent(over_redaction(ours)):>7} / {percent(over_redaction(theirs)):>6}"
        speed = f"{ours.chars_per_second:>9,.0f} / {theirs.chars_per_second:>7,.0f}"
        x = ours.chars_per_second / theirs.chars_per_second
        met = "all met" if all(t.met for t in targets(ours, theirs)) else "NOT all met"
        rows.append(
            f"{name:<16}{cells[0]:>20}{cells[1]:>7}{cells[2]:>20}{cells[3]:>7}"
            f"{over:>17}{speed:>20}{x:>6.2f}  {met}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run both systems on each corpus and print the comparisons; --check fails on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="repeatable; default: all")
    parser.add_argument("--json", type=Path, help="also write both results as JSON here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed runs per system, alternating; fastest kept"
    )
    args = parser.parse_args(argv)
    corpora = args.corpus or [p for p in DEFAULT_CORPORA if p.exists()]
    ours_fn, theirs_fn = varsam_analyze(), presidio_analyze()
    runs = []
    for path in corpora:
        samples = load_corpus(path)
        ours, theirs = fastest_of(args.rounds, samples, ours_fn, theirs_fn)
        runs.append((path.stem, ours, theirs))
        print(f"===== {path.name} =====")
        print(report(ours, theirs))
        print()
    print("[summary: sensitive-type leak, over-redaction (all types), throughput]")
    print(summary(runs))
    if args.json:
        both = {
            name: {"varsam": result_to_dict(ours), "presidio": result_to_dict(theirs)}
            for name, ours, theirs in runs
        }
        args.json.write_text(json.dumps(both, indent=2), encoding="utf-8")
    missed = any(not t.met for _, ours, theirs in runs for t in targets(ours, theirs))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
