"""`varsam demo`: the bundled sample calls through every stage, with consent flags, in one table."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import typer

from config.settings import Settings
from workers.cli.progress import WorkProgress
from workers.runners.embedded import Embedded

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# What the demo does to each sample beyond processing it, to show consent at work.
FLAG_AFTER_INGEST = {"en-dnr": "do_not_record"}
DELETE_AFTER_PROCESSING = ("en-delete",)
OUTCOME = {
    "redacted": "exported",
    "not_recorded": "not recorded",
    "deleted": "deleted",
    "held": "held",
    "failed": "failed",
}


def load_manifest(samples: Path) -> list[dict]:
    """The sample calls and their ground truth."""
    return json.loads((samples / "manifest.json").read_text(encoding="utf-8"))


def leaked_values(export_text: str, manifest: list[dict]) -> list[tuple[str, str]]:
    """(call id, entity type) of every ground-truth value that appears in the export."""
    haystack = export_text.lower()
    return [
        (call["call_id"], pii["type"])
        for call in manifest
        for pii in call["pii"]
        for form in pii["forms"]
        if form.lower() in haystack
    ]


def run_demo(settings: Settings, samples: Path | None = None) -> bool:
    """Run the demo in `<data dir>/demo` (recreated each time); True when nothing leaked."""
    samples = samples or SAMPLES
    manifest = load_manifest(samples)
    data_dir = Path(settings.data_dir) / "demo"
    shutil.rmtree(data_dir, ignore_errors=True)
    embedded = Embedded(settings.model_copy(update={"data_dir": data_dir}))
    started = time.perf_counter()
    for call in manifest:
        embedded.ingest(
            samples / call["file"],
            call_id=call["call_id"],
            customer_id=call.get("customer_id"),
            agent_id=call.get("agent_id"),
            language=call.get("language"),
            layout=call.get("layout", "mono"),
        )
        typer.echo(f"ingested  {call['call_id']} ({call['file']})")
    for call_id, kind in FLAG_AFTER_INGEST.items():
        embedded.flag(kind, call_id=call_id, by="agent-07")
        typer.echo(f"flagged   {call_id}: {kind.replace('_', '-')}")
    typer.echo("running   ingest -> transcribe -> redact ...")
    with WorkProgress("calls", embedded.calls_to_transcribe()) as progress:
        report = embedded.run(on_transcribed=progress.advance)
    for call_id in DELETE_AFTER_PROCESSING:
        flag = embedded.flag("delete_recording", call_id=call_id)
        receipt = embedded.receipt(flag.request_id)
        typer.echo(f"deleted   {call_id}: receipt {receipt.state}, {receipt.deleted}")
    out = data_dir / "export" / "training.jsonl"
    rows = embedded.export(out)
    elapsed = time.perf_counter() - started

    exported = {
        row["call_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())
    }
    typer.echo("")
    typer.echo(f"{'call':<16} {'lang':<5} {'duration':>8}  {'outcome':<13} entities redacted")
    for call in manifest:
        status = embedded.status(call["call_id"])
        row = exported.get(call["call_id"])
        entities = ", ".join(f"{k} {v}" for k, v in row["entity_counts"].items()) if row else "-"
        duration = f"{status.get('duration_s') or call.get('duration_s', 0):.1f}s"
        outcome = OUTCOME.get(status["state"], status["state"])
        typer.echo(
            f"{call['call_id']:<16} {call.get('language') or '?':<5} {duration:>8}  "
            f"{outcome:<13} {entities or 'none'}"
        )
    typer.echo("")
    typer.echo(f"training export: {out} ({rows} calls)")
    typer.echo(f"audit log:       {data_dir / 'audit.jsonl'}")
    if report.real_time_factor is not None:
        typer.echo(
            f"transcription:   {report.asr_s:.1f}s for {report.audio_transcribed_s:.1f}s of audio"
            f" (real-time factor {report.real_time_factor:.3f}, model {settings.asr.model})"
        )
    typer.echo(f"total:           {elapsed:.1f}s")
    leaks = leaked_values(out.read_text(encoding="utf-8"), manifest)
    checked = sum(len(p["forms"]) for c in manifest for p in c["pii"])
    if leaks:
        typer.echo(f"LEAK: ground-truth values found in the export: {sorted(set(leaks))}", err=True)
        return False
    typer.echo(f"leak check:      none of {checked} ground-truth forms appear in the export")
    return True
