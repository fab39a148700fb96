"""`varsam eval redaction`: scores varsam (or Presidio, for comparison) on a labelled corpus."""

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


if __name__ == "__main__":
    eval_app()
