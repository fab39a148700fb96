"""`varsam eval redaction` on a five-utterance corpus, as a user runs it."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation.corpus import GoldSpan, Sample, dump_corpus


def _sample(text: str, value: str, kind: str, language: str, form: str) -> Sample:
    spans = ()
    if value:
        start = text.index(value)
        spans = (GoldSpan(kind, value, start, start + len(value)),)
    return Sample(text, spans, language, form)


SPOKEN_EMAIL = "john dot smith at example dot com"
SPOKEN_PHONE = "noll sju noll ett två tre fyra fem sex sju"
FIVE = [
    _sample(
        "My email is anna.berg@example.com.", "anna.berg@example.com", "EMAIL", "en", "written"
    ),
    _sample(SPOKEN_EMAIL, SPOKEN_EMAIL, "EMAIL", "en", "spoken"),
    _sample("Ring mig på 070-123 45 67.", "070-123 45 67", "PHONE", "sv", "written"),
    _sample(f"mitt nummer är {SPOKEN_PHONE}", SPOKEN_PHONE, "PHONE", "sv", "spoken"),
    _sample("I have one question", "", "", "en", "spoken"),
]


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "five.json"
    path.write_text(dump_corpus(FIVE), encoding="utf-8")
    return path


def test_eval_redaction_prints_a_table_per_form_and_the_throughput(varsam, corpus_file):
    result = varsam("eval", "redaction", "--corpus", str(corpus_file))
    assert result.returncode == 0, result.stderr
    for heading in ("[spoken]", "[written]", "[all]", "EMAIL", "PHONE", "throughput:"):
        assert heading in result.stdout


def test_eval_redaction_json_has_rates_by_slice_and_type(varsam, corpus_file):
    result = varsam("eval", "redaction", "--corpus", str(corpus_file), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["system"] == "varsam" and report["samples"] == 5
    assert report["slices"]["written"]["EMAIL"]["entities"] == 1
    assert 0.0 <= report["slices"]["all"]["ALL"]["leak_rate"] <= 1.0
    assert report["chars_per_second"] > 0


def test_eval_redaction_on_a_missing_corpus_fails_with_one_line(varsam, tmp_path):
    result = varsam("eval", "redaction", "--corpus", str(tmp_path / "nope.json"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot read corpus")
    assert "Traceback" not in result.stderr
