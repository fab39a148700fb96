"""varsam's whole pipeline against bare faster-whisper on the same calls, model and settings.

For each call length and layout, in one process and one after the other on the same file:
- bare: faster-whisper's `decode_audio` and `WhisperModel.transcribe` per channel (the model
  loaded once; beam 5, word timestamps, VAD, no conditioning on previous text, as varsam);
- varsam: `ingest` then `run` in the embedded mode (ingest, transcribe, redact and audio
  redaction) with the default ASR settings: a call longer than `sequential_max_s` (20 s) in
  windows, its speech batched (`batch_size` 8);
- varsam batch 1: the same with `batch_size` 1 and `sequential_max_s` 300 (calls up to five
  minutes whole, as bare; longer ones window by window, each decoded sequentially).
Throughput is audio seconds (call length) per wall second; the word error rate is measured
against what was said. The calls are utterances repeated in turns with 1 s gaps
(bench/speech_calls.py): recordings of people by default (`--speech real`: LibriVox readings
and CMU's test commands, bench/real_speech/), or the committed espeak-ng samples
(`--speech espeak`).

    .venv/bin/python bench/asr_overhead.py [--quick] [--durations 120,1200] [--model base]
    .venv/bin/python bench/asr_overhead.py --speech espeak
    .venv/bin/python bench/asr_overhead.py --scan 15,30,60,120   # sequential vs batched ASR

`--scan` measures the transcriber alone on short calls, sequential against batched, to choose
`[asr] sequential_max_s` and `batch_size`. Targets (exit 1 with --check when missed): varsam at
least 0.95x bare on every row and, batched, at least 1.5x bare on the longest call; varsam's
word error rate no worse than bare's over all the words of the run (0.5 point of slack for
decoding noise). Rows are judged on speed one by one, but on WER only together: a 2-minute
call holds about 350 words, and one word misheard either way moves its WER by 0.3 points.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speech_calls import SOURCES, Call, build_call, word_error_rate, words  # noqa: E402
from config.settings import AsrSettings, load_settings  # noqa: E402
from models.asr import WhisperTranscriber, loaded, machine_cores, whole_call  # noqa: E402
from pipeline import keys  # noqa: E402
from pipeline.transcript import Transcript  # noqa: E402
from workers.runners.embedded import Embedded  # noqa: E402

WER_SLACK = 0.005


def bare(model, path: Path, stereo: bool, beam: int) -> tuple[float, list[str]]:
    """Seconds and per-channel text of bare faster-whisper on `path`."""
    from faster_whisper import decode_audio

    started = time.perf_counter()
    tracks = (
        list(decode_audio(str(path), split_stereo=True)) if stereo else [decode_audio(str(path))]
    )
    texts = []
    for samples in tracks:
        segments, _ = model.transcribe(
            samples,
            language="en",
            beam_size=beam,
            word_timestamps=True,
            vad_filter=True,
            condition_on_previous_text=False,
        )
        texts.append(" ".join(s.text.strip() for s in segments))
    return time.perf_counter() - started, texts


def pipeline(embedded: Embedded, path: Path, call_id: str, stereo: bool) -> tuple[float, list]:
    """Seconds of `varsam ingest` + `varsam run` in the embedded mode, and per-channel text."""
    started = time.perf_counter()
    embedded.ingest(path, call_id=call_id, layout="stereo" if stereo else "mono", language="en")
    report = embedded.run()
    elapsed = time.perf_counter() - started
    if report.dead_lettered or not embedded.store.exists(keys.redacted_transcript(call_id)):
        raise SystemExit(f"varsam did not finish {call_id}: {report}")
    raw = Transcript.from_json(json.loads(embedded.store.get_bytes(keys.raw_transcript(call_id))))
    texts = [" ".join(s.text for s in raw.segments if s.channel == ch) for ch in range(1 + stereo)]
    return elapsed, texts


def embedded_with(workdir: Path, name: str, model: str, asr: dict):
    overrides = {"model": model, **asr}
    settings = load_settings(data_dir=workdir / name)
    settings = settings.model_copy(
        update={"asr": settings.asr.model_copy(update=overrides)}, deep=True
    )
    embedded = Embedded(settings)
    embedded.ctx.transcriber = embedded._default_transcriber()
    embedded.ctx.transcriber.warm_up()
    return embedded


def wer(call: Call, texts: list[str]) -> float:
    ref = " ".join(call.said)
    return word_error_rate(ref, " ".join(texts))


def compare(args) -> list[dict]:
    asr = AsrSettings(model=args.model)
    _, model = loaded(asr)  # the very model varsam uses: same files, threads and compute type
    rows = []
    with tempfile.TemporaryDirectory(prefix="varsam-bench-") as tmp:
        work = Path(tmp)
        default = embedded_with(work, "default", args.model, {})
        one = embedded_with(work, "one", args.model, {"batch_size": 1, "sequential_max_s": 300})
        analyzer = default._default_analyzer()
        analyzer[0].analyze("Warm up: John Smith, 0700 123 456.", "en")  # lazy set-up untimed
        for e in (default, one):
            e.ctx.analyzer, e.ctx.analyzer_versions = analyzer
        for seconds in args.durations:
            for layout in args.layouts:
                stereo = layout == "stereo"
                call = build_call(seconds, stereo=stereo, source=args.speech)
                path = call.write(work / f"call-{seconds}-{layout}.wav")
                # Interleaved repeats, the fastest of each kept: on a shared machine the
                # slower runs measure the neighbours, not the code.
                t_bare = t_var = t_one = float("inf")
                for n in range(args.repeat):
                    call_id = f"c{seconds}{layout}-{n}"
                    took, bare_text = bare(model, path, stereo, asr.beam_size)
                    t_bare = min(t_bare, took)
                    took, var_text = pipeline(default, path, call_id, stereo)
                    t_var = min(t_var, took)
                    took, one_text = pipeline(one, path, call_id, stereo)
                    t_one = min(t_one, took)
                row = {
                    "call_s": round(call.seconds),
                    "layout": layout,
                    "varsam_path": "batched" if batched(default, call.seconds) else "whole",
                    "bare_s": round(t_bare, 1),
                    "varsam_s": round(t_var, 1),
                    "batch1_s": round(t_one, 1),
                    "varsam_vs_bare": round(t_bare / t_var, 2),
                    "batch1_vs_bare": round(t_bare / t_one, 2),
                    "words": len(words(" ".join(call.said))),
                    "wer_bare": round(wer(call, bare_text), 4),
                    "wer_varsam": round(wer(call, var_text), 4),
                    "wer_batch1": round(wer(call, one_text), 4),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
        default.close()
        one.close()
    return rows


def batched(embedded: Embedded, seconds: float) -> bool:
    """True when this runner's settings transcribe a call this long in batched windows."""
    asr = embedded.settings.asr
    return asr.batch_size > 1 and not whole_call(asr, seconds)


def scan(args) -> list[dict]:
    """The transcriber alone on short mono and stereo calls: sequential against batched."""
    rows = []
    seq = WhisperTranscriber(AsrSettings(model=args.model, sequential_max_s=1e9))
    bat = WhisperTranscriber(AsrSettings(model=args.model, sequential_max_s=0, batch_size=8))
    seq.warm_up()
    with tempfile.TemporaryDirectory(prefix="varsam-bench-") as tmp:
        for seconds in args.scan:
            for layout in args.layouts:
                stereo = layout == "stereo"
                call = build_call(seconds, stereo=stereo, source=args.speech)
                path = call.write(Path(tmp) / f"scan-{seconds}-{layout}.wav")
                timings = {}
                for name, transcriber in (("seq", seq), ("batched", bat)):
                    started = time.perf_counter()
                    transcriber.transcribe(path, call_id="scan", stereo=stereo, language="en")
                    timings[name] = time.perf_counter() - started
                row = {
                    "call_s": round(call.seconds),
                    "layout": layout,
                    "audio_s": round(call.seconds * (1 + stereo)),
                    "seq_s": round(timings["seq"], 2),
                    "batched_s": round(timings["batched"], 2),
                    "batched_speedup": round(timings["seq"] / timings["batched"], 2),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    heads = list(rows[0])
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(str(r[h]) for h in heads) + " |" for r in rows]
    return "\n".join(lines)


def pooled_wer(rows: list[dict], column: str) -> float:
    """The word error rate over every word of the run: each row weighted by its words."""
    return sum(r[column] * r["words"] for r in rows) / sum(r["words"] for r in rows)


def verdict(rows: list[dict]) -> list[str]:
    misses = []
    for r in rows:
        if r["varsam_vs_bare"] < 0.95:
            misses.append(f"{r['call_s']} s {r['layout']}: varsam {r['varsam_vs_bare']}x < 0.95x")
    bare_wer, varsam_wer = pooled_wer(rows, "wer_bare"), pooled_wer(rows, "wer_varsam")
    if varsam_wer > bare_wer + WER_SLACK:
        misses.append(f"varsam WER {varsam_wer:.4f} above bare {bare_wer:.4f} over all rows")
    longest = max(r["call_s"] for r in rows)
    for r in rows:
        if r["call_s"] != longest:
            continue
        if r["varsam_path"] != "batched":
            misses.append(f"{longest} s {r['layout']}: not batched by default")
        elif r["varsam_vs_bare"] < 1.5:
            misses.append(f"{longest} s {r['layout']}: batched {r['varsam_vs_bare']}x < 1.5x")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--durations", default="120,1200")
    parser.add_argument("--layouts", default="mono,stereo")
    parser.add_argument("--speech", default="real", choices=SOURCES, help="what calls are made of")
    parser.add_argument("--quick", action="store_true", help="2- and 6-minute calls")
    parser.add_argument("--scan", default="", help="call seconds for the threshold scan")
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the fastest kept")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    args.layouts = args.layouts.split(",")
    print(
        f"model {args.model}, {args.speech} speech, {machine_cores()} cores, pid {os.getpid()}",
        flush=True,
    )
    if args.scan:
        args.scan = [float(s) for s in args.scan.split(",")]
        rows = scan(args)
        print(table(rows))
    else:
        args.durations = [120, 360] if args.quick else [int(d) for d in args.durations.split(",")]
        rows = compare(args)
        print(table(rows))
        pooled = [
            f"{c[4:]} {pooled_wer(rows, c):.4f}" for c in ("wer_bare", "wer_varsam", "wer_batch1")
        ]
        print("WER over all rows: " + ", ".join(pooled))
        misses = verdict(rows)
        print("targets met" if not misses else "targets missed:\n  " + "\n  ".join(misses))
        if args.check and misses:
            raise SystemExit(1)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
