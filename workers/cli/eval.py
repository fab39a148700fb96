"""`varsam eval redaction` and `varsam eval speech`: redaction scored on text and on speech."""

from __future__ import annotations

import importlib
import json
import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from config.settings import load_settings
from pipeline.errors import ModelUnavailable
from pipeline.evaluation import (
    AnalyzeFn,
    canonical_type,
    format_report,
    load_corpus,
    result_to_dict,
    run_evaluation,
)
from pipeline.redaction.span import Span

eval_app = typer.Typer(help="Evaluation on labelled corpora.", no_args_is_help=True)

# Presidio's analyzer understands English only unless configured otherwise; every sample is
# analysed as English, which is what its defaults do for a Nordic support line.
PRESIDIO_LANGUAGE = "en"


@eval_app.callback()
def _eval() -> None:
    """Evaluation on labelled corpora."""


class System(StrEnum):
    varsam = "varsam"
    presidio = "presidio"


def varsam_analyze() -> AnalyzeFn:
    """varsam's Analyzer as configured (settings.redaction), with its spaCy NER."""
    from models.redaction import build_analyzer

    analyzer, _versions = build_analyzer(load_settings().redaction)

    def analyze(text: str, language: str | None) -> list[Span]:
        return [
            Span(s.start, s.end, canonical_type(s.entity_type), s.score, s.recognizer)
            for s in analyzer.analyze(text, language)
        ]

    return analyze


def spacy_model_path(model: str) -> str:
    """A directory spaCy loads `model` from: the path itself, or the installed package's data."""
    if Path(model).is_dir():
        return model
    try:
        package = importlib.import_module(model)
    except ImportError as exc:
        raise ModelUnavailable(
            f"spaCy model {model!r} is not installed", reason="ner_model_missing"
        ) from exc
    configs = sorted(Path(package.__file__ or "").parent.glob("*/config.cfg"))
    if not configs:
        raise ModelUnavailable(
            f"spaCy model {model!r} has no model data", reason="ner_model_missing"
        )
    return str(configs[0].parent)


def presidio_analyze(spacy_model: str | None = None) -> AnalyzeFn:
    """Presidio's AnalyzerEngine with its default recognizers, on varsam's spaCy model, offline."""
    try:
        import tldextract.tldextract as tld
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError as exc:
        raise ModelUnavailable(
            "presidio-analyzer is not installed (pip install -e '.[bench]')",
            reason="presidio_missing",
        ) from exc
    # Presidio's e-mail validator calls tldextract, whose default extractor fetches the public
    # suffix list over the network; the snapshot bundled with tldextract serves offline.
    tld.TLD_EXTRACTOR = tld.TLDExtract(cache_dir=None, suffix_list_urls=())
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    model = spacy_model or load_settings().redaction.spacy_model
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": PRESIDIO_LANGUAGE, "model_name": spacy_model_path(model)}],
        }
    )
    engine = AnalyzerEngine(
        nlp_engine=provider.create_engine(), supported_languages=[PRESIDIO_LANGUAGE]
    )

    def analyze(text: str, language: str | None) -> list[Span]:
        return [
            Span(r.start, r.end, canonical_type(r.entity_type), r.score, "presidio")
            for r in engine.analyze(text=text, language=PRESIDIO_LANGUAGE)
            if r.start < r.end
        ]

    return analyze


def load_system(system: System | str) -> AnalyzeFn:
    """The analyze function of a system under test, loaded and ready."""
    return presidio_analyze() if System(system) is System.presidio else varsam_analyze()


@eval_app.command("redaction")
def redaction(
    corpus: Annotated[
        Path, typer.Option("--corpus", help="presidio-research JSON: [{full_text, spans}].")
    ],
    system: Annotated[
        System, typer.Option("--system", help="varsam, or presidio (needs the bench extra).")
    ] = System.varsam,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Leak rate, full protection and over-redaction per entity type and form; throughput."""
    from workers.cli.progress import WorkProgress

    samples = load_corpus(corpus)
    analyze = load_system(system)
    with WorkProgress("utterances", len(samples)) as progress:
        result = run_evaluation(system.value, samples, analyze, lambda: progress.advance())
    if as_json:
        typer.echo(json.dumps(result_to_dict(result), indent=2))
    else:
        typer.echo(format_report(result))


# The committed speech sets; `--set` also takes a folder holding a manifest.json.
SPEECH_SETS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "speech_eval"


def speech_set_folder(name: str) -> Path:
    """The folder of a named committed set (dev, heldout), or `name` itself as a path."""
    folder = SPEECH_SETS / name if name in ("dev", "heldout") else Path(name)
    if not (folder / "manifest.json").exists():
        raise typer.BadParameter(f"no speech set at {folder} (expected a manifest.json)")
    return folder


@eval_app.command("speech")
def speech(
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", help="dev, heldout or a folder with manifest.json; repeatable."),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="ASR model (default: the asr.model setting).")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Only N utterances (languages in proportion)."),
    ] = None,
    detect_language: Annotated[
        bool,
        typer.Option(
            "--detect-language", help="Let Whisper detect the language instead of forcing it."
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", help="Transcript cache (default: evaluation setting)."),
    ] = None,
    show_leaks: Annotated[
        bool,
        typer.Option(
            "--show-leaks",
            help="List leaked values (id, type, redacted text) of the dev set; never heldout.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Synthesized calls through the pipeline's ASR and redactor: leaks per type, WER, over-red."""
    from models.asr import asr_versions, transcriber_from
    from models.redaction import build_analyzer
    from pipeline.answer_windows import TranscriptRedaction
    from pipeline.evaluation.speech_report import format_speech_report, speech_result_to_dict
    from pipeline.evaluation.speech_set import load_speech_set
    from workers.speech_eval import (
        TranscribeOptions,
        TranscriptCache,
        print_progress,
        redacted_text,
        run_speech_eval,
        transcribe_utterance,
    )

    folders = [speech_set_folder(name) for name in sets or ["dev"]]
    settings = load_settings()
    asr = settings.asr if model is None else settings.asr.model_copy(update={"model": model})
    transcriber = transcriber_from(asr)
    cache = TranscriptCache(cache_dir or settings.evaluation.speech_cache_dir, asr, asr_versions())
    analyzer, versions = build_analyzer(settings.redaction)
    redaction = TranscriptRedaction(
        dialogue_window_s=settings.redaction.dialogue_window_s,
        unsure_probability=settings.redaction.unsure_word_probability,
    )
    options = TranscribeOptions(force_language=not detect_language)
    reports = []
    for folder in folders:
        speech_set = load_speech_set(folder)
        result = run_speech_eval(
            speech_set,
            transcriber,
            cache,
            lambda t: redacted_text(t, analyzer, versions, redaction),
            model=transcriber.name,
            limit=limit,
            options=options,
            progress=None if as_json else print_progress,
        )
        reports.append(speech_result_to_dict(result))
        if as_json:
            continue
        typer.echo(format_speech_report(result))
        if show_leaks and speech_set.name != "heldout":
            by_id = {u.id: u for u in speech_set.utterances}
            for utt_id, kind in result.leaked():
                transcript, _ = transcribe_utterance(by_id[utt_id], transcriber, cache, options)
                text = redacted_text(transcript, analyzer, versions, redaction)
                typer.echo(f"LEAK {utt_id} {kind}: {text}")
        elif show_leaks:
            typer.echo("(--show-leaks lists nothing of the heldout set: it is not for tuning)")
        typer.echo("")
    if as_json:
        typer.echo(json.dumps(reports if len(reports) > 1 else reports[0], indent=2))


if __name__ == "__main__":
    eval_app()
