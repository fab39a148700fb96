"""Plain-text tables and JSON of evaluation results, for one system or two side by side."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.evaluation.entity_map import SENSITIVE_TYPES, VARSAM_TYPES
from pipeline.evaluation.metrics import ALL_SAMPLES, ALL_TYPES, EvaluationResult, Tally

DASH = "-"


def percent(rate: float | None) -> str:
    """A rate as a percentage with one decimal, or a dash when it is undefined."""
    return DASH if rate is None else f"{100 * rate:.1f}%"


def type_order(entity_types: Iterable[str]) -> list[str]:
    """varsam's catalogue order first, then other names alphabetically, ALL last."""
    known = {name: i for i, name in enumerate(VARSAM_TYPES)}
    names = {t for t in entity_types if t != ALL_TYPES}
    return [*sorted(names, key=lambda t: (known.get(t, len(known)), t)), ALL_TYPES]


def form_slices(result: EvaluationResult) -> list[str]:
    """The form slices (written, spoken ...) of a result, then "all"."""
    forms = [s for s in result.slices if s != ALL_SAMPLES and "/" in s]
    names = sorted({s.split("/")[0] for s in forms})
    return [*names, ALL_SAMPLES]


def _row(cells: Iterable[str], widths: Iterable[int]) -> str:
    cells, widths = list(cells), list(widths)
    first = cells[0].ljust(widths[0])
    return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [_row(header, widths), _row(["-" * w for w in widths], widths)]
    lines += [_row(r, widths) for r in rows]
    return "\n".join(lines)


def format_table(result: EvaluationResult, slice_name: str = ALL_SAMPLES) -> str:
    """Per-type table of one slice: count, leak rate, full protection, over-redaction."""
    tallies = result.tallies.get(slice_name, {})
    rows = []
    for entity_type in type_order(tallies):
        t = tallies.get(entity_type, Tally())
        rows.append(
            [
                entity_type,
                str(t.entities),
                percent(t.leak_rate),
                percent(t.full_protection),
                percent(t.over_redaction),
            ]
        )
    return _table(["type", "count", "leak", "protected", "over-redacted"], rows)


def format_report(result: EvaluationResult) -> str:
    """The per-type table for each form and overall, a line per slice, and throughput."""
    parts = [f"system: {result.system}   samples: {result.samples}"]
    for slice_name in form_slices(result):
        parts += ["", f"[{slice_name}]", format_table(result, slice_name)]
    rows = []
    for slice_name in result.slices:
        t = result.tally(slice_name)
        sensitive = result.sum_over(slice_name, SENSITIVE_TYPES)
        rows.append(
            [
                slice_name,
                str(t.entities),
                percent(t.leak_rate),
                percent(sensitive.leak_rate),
                percent(t.full_protection),
                percent(t.over_redaction),
            ]
        )
    header = ["slice", "count", "leak", "leak(sensitive)", "protected", "over-redacted"]
    parts += ["", "[slices]", _table(header, rows), "", throughput_line(result)]
    return "\n".join(parts)


def throughput_line(result: EvaluationResult) -> str:
    """Characters per second over the analysis time."""
    return (
        f"throughput: {result.chars_per_second:,.0f} chars/s "
        f"({result.characters:,} chars in {result.seconds:.2f} s of analysis)"
    )


def format_comparison(a: EvaluationResult, b: EvaluationResult, slice_name: str) -> str:
    """Side-by-side per-type table of two systems on one slice."""
    ta, tb = a.tallies.get(slice_name, {}), b.tallies.get(slice_name, {})
    rows = []
    for entity_type in type_order([*ta, *tb]):
        x, y = ta.get(entity_type, Tally()), tb.get(entity_type, Tally())
        rows.append(
            [
                entity_type,
                str(max(x.entities, y.entities)),
                percent(x.leak_rate),
                percent(y.leak_rate),
                percent(x.full_protection),
                percent(y.full_protection),
                percent(x.over_redaction),
                percent(y.over_redaction),
            ]
        )
    header = ["type", "count"]
    for metric in ("leak", "prot", "over"):
        header += [f"{metric} {a.system}", f"{metric} {b.system}"]
    return _table(header, rows)


def _tally_dict(tally: Tally) -> dict[str, Any]:
    return {
        **tally.__dict__,
        "leak_rate": tally.leak_rate,
        "full_protection": tally.full_protection,
        "over_redaction": tally.over_redaction,
    }


def result_to_dict(result: EvaluationResult) -> dict[str, Any]:
    """A JSON-ready dict of a result: counts and rates by slice and type, and throughput."""
    return {
        "system": result.system,
        "samples": result.samples,
        "characters": result.characters,
        "seconds": result.seconds,
        "chars_per_second": result.chars_per_second,
        "slices": {
            name: {
                **{t: _tally_dict(tally) for t, tally in tallies.items()},
                "SENSITIVE": _tally_dict(result.sum_over(name, SENSITIVE_TYPES)),
            }
            for name, tallies in result.tallies.items()
        },
    }
