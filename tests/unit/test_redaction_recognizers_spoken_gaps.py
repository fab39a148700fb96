"""Spoken addresses, postcodes, ages, customer ids and lower-case names (written and spoken)."""

from __future__ import annotations

import pytest

from pipeline.redaction.engine import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.default()


def _found(analyzer: Analyzer, text: str, language: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.entity_type for s in analyzer.analyze(text, language)}


def _covered(analyzer: Analyzer, text: str, language: str, value: str) -> bool:
    start = text.index(value)
    spans = analyzer.analyze(text, language)
    return all(
        any(s.start <= i < s.end for s in spans) or text[i].isspace()
        for i in range(start, start + len(value))
    )


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "i'm calling from the shop on twenty nine park avenue", "twenty nine park avenue"),
        (
            "en",
            "i'll be at one hundred and eleven rosebank close all day",
            "one hundred and eleven",
        ),
        ("en", "This is Mary from 4 Church Road.", "4 Church Road"),
        ("sv", "jag bor på södra förstadsgatan etthundrafyra", "södra förstadsgatan etthundrafyra"),
        ("sv", "jag bor på vasagatan nio a.", "vasagatan nio a"),
        ("sv", "Jag bor på Storgatan 12B.", "Storgatan 12B"),
        ("no", "jeg bor i thorvald meyers gate tolv", "thorvald meyers gate tolv"),
        ("da", "Vi er flyttet til nyhavn en hundrede og sytten", "nyhavn en hundrede og sytten"),
    ],
)
def test_street_addresses_with_spoken_house_numbers_are_found(analyzer, language, text, value):
    assert _covered(analyzer, text, language, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I've called four times about the same street light fault."),
        ("en", "It happened three or four times last week."),
        ("sv", "Det har hänt tre fyra gånger förra veckan."),
        ("sv", "Vi har version två punkt tre av appen."),
    ],
)
def test_numbers_near_street_words_are_no_address(analyzer, language, text):
    assert "STREET_ADDRESS" not in _found(analyzer, text, language).values()


def test_an_entrance_never_swallows_the_preposition_i(analyzer):
    found = _found(analyzer, "vi har flyttat till lilla nygatan tjugo i östersund.", "sv")
    assert "lilla nygatan tjugo" in found


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "the postcode is n w one two eight s t", "n w one two eight s t"),
        ("en", "i moved to eleven baker street nw10 7yg last month", "nw10 7yg"),
        ("sv", "postnummer sju noll två elva örebro", "sju noll två elva"),
        ("no", "Postnummeret er 4006.", "4006"),
        ("no", "postnummeret er åtte fem ni tre", "åtte fem ni tre"),
        ("da", "Postnummer seksten treoghalvfjerds.", "seksten treoghalvfjerds"),
    ],
)
def test_postcodes_written_and_spoken_are_found(analyzer, language, text, value):
    assert _covered(analyzer, text, language, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Det koster 299 kroner om måneden, 4006 i alt."),
        ("en", "The box model is ab1 2cd and it works."),
        ("no", "Det koster 1999 kroner."),
    ],
)
def test_four_digits_and_uk_shapes_without_a_postcode_word_are_no_postcode(
    analyzer, language, text
):
    assert "POSTCODE" not in _found(analyzer, text, language).values()


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "My mum is 52 and she can't use the app.", "52"),
        ("en", "my mum is sixty five and she can't use the app", "sixty five"),
        ("sv", "Mamma är femtiotvå år och klarar inte appen.", "femtiotvå"),
        ("sv", "Mamma är 81 år.", "81"),
        ("no", "Moren min er tjuefem år.", "tjuefem"),
        ("da", "Min mor er fireogfirs år", "fireogfirs"),
    ],
)
def test_ages_said_about_relatives_are_found(analyzer, language, text, value):
    assert _found(analyzer, text, language).get(value) == "AGE"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "My son is 5 minutes away."),
        ("sv", "Det är 5 år sedan jag flyttade."),
        ("da", "Det er 5 år siden."),
    ],
)
def test_years_ago_and_minutes_are_no_age(analyzer, language, text):
    assert "AGE" not in _found(analyzer, text, language).values()


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "Account reference cid 199387, I think.", "cid 199387"),
        (
            "en",
            "account reference c i d nine nine eight one four",
            "c i d nine nine eight one four",
        ),
        ("sv", "mitt kundnummer är nog c i d två nio sju nio tre", "c i d två nio sju nio tre"),
        ("da", "kundenummer c i d 11014", "c i d 11014"),
    ],
)
def test_customer_ids_in_any_case_and_spelled_are_found(analyzer, language, text, value):
    assert _covered(analyzer, text, language, value)


def test_a_configured_customer_id_pattern_replaces_the_spelled_default():
    analyzer = Analyzer.default(customer_id_patterns=[r"\bKD\d{6}\b"])
    assert "CUSTOMER_ID" not in _found(analyzer, "it says cid 199387 on it", "en").values()


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "hello this is ottilie ashdown speaking", "ottilie ashdown"),
        ("en", "the account holder is tobias whitlock.", "tobias whitlock"),
        ("en", "Put down Callum Oduya as the second contact.", "Callum Oduya"),
        ("sv", "Abonnemanget står på siri abdullahi.", "siri abdullahi"),
    ],
)
def test_lower_case_names_after_cues_are_found(analyzer, language, text, value):
    assert _found(analyzer, text, language).get(value) == "PERSON"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "this is the second time it happened"),
        ("en", "it's fine, thanks"),
        ("sv", "det står på fakturan"),
    ],
)
def test_weak_cues_before_ordinary_words_find_no_name(analyzer, language, text):
    assert "PERSON" not in _found(analyzer, text, language).values()
