"""Builds the redaction Analyzer with its NER model, and names the versions that made a result."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from config.settings import RedactionSettings
from models.ner import SpacyNerModel, load_spacy
from pipeline.redaction.engine import Analyzer


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def build_analyzer(settings: RedactionSettings) -> tuple[Analyzer, dict[str, str]]:
    """The Analyzer the redact stage uses, and the versions recorded with each redaction."""
    ner = SpacyNerModel(settings.spacy_model)
    meta = load_spacy(settings.spacy_model).meta
    analyzer = Analyzer.default(
        ner=ner,
        customer_id_patterns=settings.customer_id_patterns or None,
        chunk_chars=settings.chunk_chars,
    )
    versions = {
        "varsam": _version("varsam"),
        "spacy": _version("spacy"),
        "ner_model": "{}_{}-{}".format(meta.get("lang"), meta.get("name"), meta.get("version")),
        "phonenumbers": _version("phonenumbers"),
        "python_stdnum": _version("python-stdnum"),
    }
    return analyzer, versions
