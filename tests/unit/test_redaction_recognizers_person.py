"""The PERSON recognizer: Nordic gazetteer, introduction cues in each language, capitalisation,
names that are also words, lower-case ASR output and spelled names; the shipped data files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline.redaction import Analyzer
from pipeline.redaction.recognizers.gazetteer import DATA_DIR, load_gazetteer
from pipeline.redaction.recognizers.person import PersonRecognizer, person_recognizer

ROOT = Path(__file__).resolve().parents[2]


def names(text: str, language: str | None = None) -> list[str]:
    recognizer = person_recognizer().for_language(language)
    return [text[s.start : s.end] for s in recognizer.analyze(text)]


def score(text: str, value: str, language: str | None = None) -> float:
    spans = person_recognizer().for_language(language).analyze(text)
    (found,) = [s.score for s in spans if text[s.start : s.end] == value]
    return found


# --- the gazetteer and its data -------------------------------------------------------------


def test_gazetteer_lists_common_names_of_each_nordic_country() -> None:
    g = load_gazetteer()
    for first in ("Anna", "Erik", "Kari", "Mette", "Matti", "Aino", "Anna-Karin"):
        assert g.is_first_name(first), first
    for surname in ("Andersson", "Hansen", "Nielsen", "Virtanen", "Korhonen"):
        assert g.is_surname(surname), surname
    assert not g.is_name("Bankgiro")


def test_names_that_are_words_are_judged_by_the_language() -> None:
    g = load_gazetteer()
    assert g.is_ordinary_word("Sten", "sv") and g.is_ordinary_word("Björn", "sv")
    assert g.is_ordinary_word("Onni", "fi")  # onni: luck
    assert not g.is_ordinary_word("Onni", "sv")
    assert not g.is_ordinary_word("Erik", None)
    assert g.is_ordinary_word("May", "en")  # months count as words everywhere


def test_data_files_are_small_documented_and_packaged() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file())
    assert total < 1_000_000
    provenance = (DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    for source in ("Faker", "@faker-js/faker", "hunspell", "Voikko", "spaCy", "names-dataset"):
        assert source in provenance
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["pipeline.redaction.data"]
    assert {"*.tsv", "*.txt", "*.md"} <= set(patterns)


# --- introduction cues ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Hi my name is John Smith, and", "en", "John Smith"),
        ("Hej, jag heter Erik Johansson och", "sv", "Erik Johansson"),
        ("mitt namn är Anna Lindqvist", "sv", "Anna Lindqvist"),
        ("hej det är Anna", "sv", "Anna"),
        ("jeg heter Kari Nordmann", "no", "Kari Nordmann"),
        ("mitt navn er Ola Hansen", "no", "Ola Hansen"),
        ("jeg hedder Mette Frederiksen", "da", "Mette Frederiksen"),
        ("minun nimeni on Matti Virtanen", "fi", "Matti Virtanen"),
        ("jag heter Anna Maria Lind Svensson och", "sv", "Anna Maria Lind Svensson"),
        ("Kalle speaking, how can I help", "en", "Kalle"),
        ("this is Zyxwv calling", "en", "Zyxwv"),
        ("I spoke with Mr Lindqvist", "en", "Lindqvist"),
        ("jag pratade med fru Berg", "sv", "Berg"),
    ],
)
def test_names_after_cues_are_found(text: str, language: str, name: str) -> None:
    assert names(text, language) == [name]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("jag heter sten", "sv", "sten"),  # a word, but the cue says it is a name
        ("jeg heter kari nordmann", "no", "kari nordmann"),  # lower-case ASR output
        ("my name is zyxwv", "en", "zyxwv"),  # not in the gazetteer: the strong cue decides
        ("hej det är anna", "sv", "anna"),
    ],
)
def test_lower_case_names_after_cues_are_found(text: str, language: str, name: str) -> None:
    assert names(text, language) == [name]


def test_strong_cue_scores_above_weak_cue_and_listed_above_unlisted() -> None:
    assert score("jag heter Anna", "Anna", "sv") == 0.9
    assert score("det är Anna", "Anna", "sv") == 0.8
    assert score("my name is Zyxwv", "Zyxwv", "en") == 0.75
    assert score("this is Zyxwv", "Zyxwv", "en") == 0.6


@pytest.mark.parametrize(
    "text",
    [
        "my name is not important",
        "this is great",
        "vad heter du?",
        "Min fru heter",
        "det är bra",
    ],
)
def test_cues_without_a_name_find_nothing(text: str) -> None:
    assert names(text, "sv") == []


def test_title_before_a_cue_does_not_make_the_cue_a_name() -> None:
    assert names("Min fru heter Lisa och hon är glad", "sv") == ["Lisa"]


# --- gazetteer, capitalisation and names that are words -------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Anna ringde igår", "sv", ["Anna"]),
        ("Björn Andersson ringde igår", "sv", ["Björn Andersson"]),
        ("jag pratade med Björn igår", "sv", ["Björn"]),  # capitalised mid-sentence
        ("Sten ligger på vägen", "sv", []),  # sentence start, and a word: stone
        ("Dag Hammarskjöld var här", "sv", ["Dag Hammarskjöld"]),
        ("Tack så mycket, ha en bra dag", "sv", []),
        ("In May I called Per", "en", ["Per"]),  # a month is no name
        ("anna andersson ringde", "sv", ["anna andersson"]),  # lower-case first + surname
        ("anna ringde", "sv", []),  # lower case alone: too weak
        ("IBAN och BIC", "sv", []),
    ],
)
def test_gazetteer_names_without_cues(text: str, language: str, expected: list[str]) -> None:
    assert names(text, language) == expected


def test_name_that_is_a_word_only_in_another_language_counts_at_sentence_start() -> None:
    # "Onni" is Finnish for luck, but no Swedish word.
    assert names("Onni ringde", "fi") == []
    assert names("Onni ringde", "sv") == ["Onni"]


def test_full_name_scores_above_a_lone_first_name() -> None:
    assert score("Björn Andersson ringde", "Björn Andersson", "sv") == 0.75
    assert score("sen ringde Anna", "Anna", "sv") == 0.55


# --- through the Analyzer: spelled names and language binding -------------------------------


def test_spelled_name_after_cue_is_found_through_normalization() -> None:
    text = "mitt namn är a n n a"
    spans = Analyzer((PersonRecognizer(),)).analyze(text, "sv")
    assert [(text[s.start : s.end], s.entity_type) for s in spans] == [("a n n a", "PERSON")]


def test_analyzer_binds_the_transcript_language() -> None:
    analyzer = Analyzer((PersonRecognizer(),))
    assert analyzer.analyze("Onni ringde", "fi") == []
    assert len(analyzer.analyze("Onni ringde", "sv")) == 1


def test_introduced_name_recognizer_is_the_person_recognizer() -> None:
    from pipeline.redaction.recognizers.person import introduced_name_recognizer

    assert isinstance(introduced_name_recognizer(), PersonRecognizer)
