"""The bundled redaction corpus: large enough, exact spans, both forms, valid fake identifiers."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from stdnum import iban, luhn
from stdnum.dk import cpr, cvr
from stdnum.fi import hetu
from stdnum.no import fodselsnummer, kontonr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer

from pipeline.evaluation import Sample, load_corpus
from pipeline.evaluation.corpus import dump_corpus
from pipeline.evaluation.entity_map import VARSAM_TYPES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fixtures/redaction_corpus/corpus.json"
HELDOUT = ROOT / "tests/fixtures/redaction_corpus/heldout.json"
# Per corpus: the least utterances, utterances without entities and checkable identifiers.
MINIMUMS = {CORPUS: (600, 50, 15), HELDOUT: (400, 40, 3)}
REGIONS = {"en": "GB", "sv": "SE", "no": "NO", "da": "DK"}
# A value Whisper wrote as digits and letters (not number words) can be checked.
_CHECKABLE = re.compile(r"[0-9A-Za-z +\-.]*\d[0-9A-Za-z +\-.]*")


@pytest.fixture(scope="module", params=[CORPUS, HELDOUT], ids=["corpus", "heldout"])
def corpus_path(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def corpus(corpus_path) -> list[Sample]:
    return load_corpus(corpus_path)


def _compact(value: str) -> str:
    return re.sub(r"[ \-.]", "", value)


def _swedish_id(value: str) -> bool:
    digits = _compact(value)[-10:]
    day = int(digits[4:6])
    if day > 60:  # samordningsnummer: the day of birth plus 60
        real = digits[:4] + f"{day - 60:02d}" + digits[6:9]
        return luhn.is_valid(digits) and personnummer.is_valid(real + luhn.calc_check_digit(real))
    return personnummer.is_valid(digits)


def valid(entity_type: str, value: str, language: str) -> bool:
    """Whether a digit-form value passes the checksum of the identifier it claims to be."""
    compact = _compact(value)
    if entity_type == "NATIONAL_ID":
        if language == "no":
            return fodselsnummer.is_valid(compact)
        if language == "da":
            return cpr.is_valid(compact) and cpr.checksum(compact) == 0
        return hetu.is_valid(value.upper()) or _swedish_id(value)
    if entity_type == "ORG_NUMBER":
        return {"no": no_orgnr.is_valid, "da": cvr.is_valid}.get(language, se_orgnr.is_valid)(
            compact
        )
    if entity_type == "CARD_NUMBER":
        return len(compact) == 16 and luhn.is_valid(compact)
    if entity_type == "IBAN":
        return iban.is_valid(compact)
    if entity_type == "BANK_ACCOUNT":
        return kontonr.is_valid(compact) if language == "no" else luhn.is_valid(compact)
    if entity_type == "PHONE":
        return phonenumbers.is_valid_number(phonenumbers.parse(value, REGIONS[language]))
    raise AssertionError(entity_type)


def test_the_corpus_is_large_enough_and_stays_small(corpus, corpus_path):
    assert len(corpus) >= MINIMUMS[corpus_path][0]
    assert corpus_path.stat().st_size < 1_000_000


def test_every_span_is_exactly_the_text_it_labels(corpus):
    for sample in corpus:
        for span in sample.spans:
            assert sample.full_text[span.start_position : span.end_position] == span.entity_value


def test_at_least_half_is_spoken_and_english_and_swedish_are_there(corpus):
    forms = Counter(s.form for s in corpus)
    assert forms["spoken"] >= len(corpus) / 2
    assert set(forms) == {"spoken", "written"}
    assert {"en", "sv"} <= {s.language for s in corpus}


def test_entity_types_are_varsams_and_some_utterances_have_none(corpus, corpus_path):
    assert {span.entity_type for s in corpus for span in s.spans} <= set(VARSAM_TYPES)
    assert sum(1 for s in corpus if not s.spans) >= MINIMUMS[corpus_path][1]
    assert max(len(s.spans) for s in corpus) <= 3


def test_spoken_utterances_say_numbers_in_words(corpus):
    spoken = " ".join(s.full_text for s in corpus if s.form == "spoken")
    for said in ("noll", "sju", "four", " dot ", "snabel-a", "c i d"):
        assert said in spoken


@pytest.mark.parametrize(
    "entity_type", ["NATIONAL_ID", "ORG_NUMBER", "CARD_NUMBER", "IBAN", "BANK_ACCOUNT", "PHONE"]
)
def test_identifiers_in_digits_pass_their_checksums(corpus, corpus_path, entity_type):
    checked = 0
    for sample in corpus:
        for span in sample.spans:
            if span.entity_type == entity_type and _CHECKABLE.fullmatch(span.entity_value):
                assert valid(entity_type, span.entity_value, sample.language), span
                checked += 1
    assert checked >= MINIMUMS[corpus_path][2]


def _make_corpus(heldout: bool) -> list[Sample]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_redaction_corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return make_corpus(heldout=heldout)


def test_the_fixture_is_what_the_seeded_generator_writes(corpus, corpus_path):
    heldout = corpus_path == HELDOUT
    assert dump_corpus(_make_corpus(heldout)) == corpus_path.read_text(encoding="utf-8"), (
        "the fixture is stale: run scripts/make_redaction_corpus.py"
        + (" --heldout" if heldout else "")
    )


def test_the_heldout_corpus_shares_no_sentence_frames_or_names_with_the_main_one():
    main, heldout = load_corpus(CORPUS), load_corpus(HELDOUT)
    assert not {s.full_text for s in main} & {s.full_text for s in heldout}
    names = lambda samples: {  # noqa: E731
        span.entity_value.lower()
        for s in samples
        for span in s.spans
        if span.entity_type in ("PERSON", "STREET_ADDRESS", "LOCATION")
    }
    assert not names(main) & names(heldout)
    assert all(s.metadata["template_id"].startswith("heldout-") for s in heldout)
