"""The speech evaluation's scoring rules: leaks by value, number words, over-redaction, WER."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation.speech_report import SpeechResult, format_speech_report
from pipeline.evaluation.speech_scoring import (
    leak_keys,
    leaks,
    score_utterance,
    within_one_edit,
)
from pipeline.evaluation.speech_set import TrueValue, Turn, Utterance, load_speech_set
from pipeline.evaluation.spoken_tokens import digit_runs, tokens

SETS = Path(__file__).resolve().parents[1] / "fixtures" / "speech_eval"


def leaked(value_type: str, value: str, text: str, language: str = "en", frame=()) -> bool:
    return leaks(leak_keys(value_type, value), tokens(text, language), frame)


def utterance(turns: list[tuple[str, str]], values: list[TrueValue], language="en") -> Utterance:
    return Utterance(
        id="u-1",
        audio=Path("u-1.ogg"),
        language=language,
        layout="stereo" if len(turns) > 1 else "mono",
        telephone=False,
        voice="en-us",
        speed=150,
        turns=tuple(Turn(s, t) for s, t in turns),
        values=tuple(values),
    )


@pytest.mark.parametrize(
    ("text", "language", "runs"),
    [
        ("nitton åttiofem, noll tre, tolv, ett två tre fyra", "sv", ["198503121234"]),
        ("nittonhundrafemtiosex", "sv", ["1956"]),
        ("seksogtres enoghalvtreds", "da", ["6651"]),
        ("the twelfth of march, nineteen eighty five", "en", ["1985"]),
        ("two thousand three", "en", ["2003"]),
        ("oh seven seven oh one", "en", ["07701"]),
        ("nio, otta, sju, sex", "sv", ["9876"]),
        ("nine for seven six", "en", ["9476"]),
        ("Yes, it is 1.[NUMBER], yes, 3218.", "en", ["1", "3218"]),
        ("twelve and thirty four", "en", ["12", "34"]),
        ("send it to forty four Hawthorn Drive", "en", ["44"]),
    ],
)
def test_number_words_and_digits_read_as_digit_runs(text, language, runs):
    assert digit_runs(tokens(text, language)) == runs


@pytest.mark.parametrize(
    "text",
    ["I have one or two things for you", "Jag heter en kvinna som ni vet", "a hundred percent"],
)
def test_everyday_words_that_are_also_numbers_make_no_four_digit_run(text):
    assert not any(len(r) >= 4 for r in digit_runs(tokens(text, "sv" if "Jag" in text else "en")))


def test_four_surviving_digits_of_a_personnummer_are_a_leak():
    assert leaked("NATIONAL_ID", "19811218-3218", "Yes, it is 1.[NUMBER], yes, 3218.")


def test_three_surviving_digits_are_not_a_leak():
    assert not leaked("NATIONAL_ID", "19811218-3218", "Yes, it is [NATIONAL_ID], ending 218.")


def test_a_redaction_tag_inside_a_number_breaks_the_run_and_punctuation_does_not():
    assert leaked("PHONE", "1234 5678", "call me on 123, 456")
    assert not leaked("PHONE", "1234 5678", "call me on 123[PHONE]456")


def test_spoken_digits_left_in_the_redacted_text_are_a_leak():
    assert leaked(
        "NATIONAL_ID", "811218-9876", "Mitt nummer är [NATIONAL_ID] nio åtta sju sex", "sv"
    )


def test_a_birth_year_of_a_date_of_birth_is_a_leak_and_the_tag_is_not():
    assert leaked("DATE_OF_BIRTH", "1985-03-12", "I was born on the 12th of March, 1985.")
    assert not leaked("DATE_OF_BIRTH", "1985-03-12", "I was born on [DATE_OF_BIRTH].")


def test_a_name_misheard_by_one_letter_still_leaks_case_insensitively():
    assert leaked("PERSON", "Sofia Whitfield", "My email is [PERSON].witfield.tellier.c")
    assert leaked("PERSON", "Sofia Whitfield", "this is SOFIA")
    assert not leaked("PERSON", "Sofia Whitfield", "this is [PERSON]")


def test_a_name_two_edits_away_does_not_leak():
    assert not leaked("PERSON", "Erik Lundqvist", "jag heter [PERSON] lindkvist")


def test_short_name_tokens_must_match_exactly():
    assert leaked("PERSON", "Bo Ek", "hej det är bo")
    assert not leaked("PERSON", "Bo Ek", "det är så, ok")


def test_frame_words_near_a_name_are_not_counted():
    # "call" is one edit from "Hall", but it is a word of the frame, not of the value.
    assert not leaked("PERSON", "Mary Hall", "thanks for the call", frame={"call"})
    assert leaked("PERSON", "Mary Hall", "thanks for the call, Hall", frame={"call"})


def test_diacritics_do_not_hide_a_name():
    assert leaked("PERSON", "Karin Sjöberg", "jag heter karin sjoberg", "sv")


def test_an_email_leaks_by_local_part_or_misheard_domain_but_not_by_tld():
    assert leaked("EMAIL", "anna.berg@temple.com", "it is [EMAIL] at memple dot com")
    assert leaked("EMAIL", "anna.berg@temple.com", "anna dot [PERSON] at [EMAIL]")
    assert leaked("EMAIL", "jlindqvist@nordpost.se", "it's j lindqvist at [EMAIL]")
    assert not leaked("EMAIL", "anna.berg@temple.com", "my email is [EMAIL] dot com")


def test_a_street_leaks_by_its_name_not_by_street_words():
    assert leaked("STREET_ADDRESS", "12 Birchwood Lane", "I live at 12 [LOCATION] birchwood lane")
    assert not leaked("STREET_ADDRESS", "12 Birchwood Lane", "I live at [STREET_ADDRESS] lane")
    assert leaked("STREET_ADDRESS", "Björkgatan 14", "jag bor på björk gatan", "sv")


def test_within_one_edit():
    assert within_one_edit("whitfield", "witfield")
    assert within_one_edit("smith", "smyth")
    assert within_one_edit("lund", "lunds")
    assert not within_one_edit("lundgren", "lungren ")


FRAME = [("agent", "Could you confirm your personal number?"), ("customer", "Sure, it is {}.")]
SPOKEN = "nineteen eighty one, twelve, eighteen, nine eight seven six"


def personnummer_utterance() -> Utterance:
    turns = [(s, t.format(SPOKEN)) for s, t in FRAME]
    return utterance(turns, [TrueValue("NATIONAL_ID", "19811218-9876", SPOKEN)])


def test_an_unredacted_transcript_leaks_every_value_it_holds():
    utt = personnummer_utterance()
    text = "Could you confirm your personal number? Sure, it is 19811218-9876."
    score = score_utterance(utt, text, text)
    assert [(v.heard, v.leaked) for v in score.values] == [(True, True)]
    assert score.removed == 0


def test_a_properly_redacted_transcript_leaks_nothing_and_removes_no_frame_word():
    utt = personnummer_utterance()
    text = "Could you confirm your personal number? Sure, it is 19811218-9876."
    redacted = "Could you confirm your personal number? Sure, it is [NATIONAL_ID]."
    score = score_utterance(utt, text, redacted)
    assert [(v.heard, v.leaked) for v in score.values] == [(True, False)]
    assert score.kept_by_asr == 9 and score.removed == 0
    assert score.word_errors == 0


def test_over_redaction_counts_frame_words_the_redactor_removed():
    utt = personnummer_utterance()
    text = "Could you confirm your personal number? Sure, it is 19811218-9876."
    redacted = "Could you confirm your [NATIONAL_ID]? Sure, it is [NATIONAL_ID]."
    score = score_utterance(utt, text, redacted)
    assert score.removed == 2 and score.kept_by_asr == 9


def test_word_errors_count_digits_as_words_and_ignore_case_and_punctuation():
    utt = personnummer_utterance()
    heard = "could you confirm your personal number sure it is 19811218 9877"
    score = score_utterance(utt, heard, heard)
    assert score.word_errors == 1


def test_report_tallies_per_type_and_prints_a_total_row():
    utt = personnummer_utterance()
    text = "Could you confirm your personal number? Sure, it is 19811218-9876."
    leaky = score_utterance(utt, text, text)
    clean = score_utterance(utt, text, "Could you confirm your personal number? Sure, [X].")
    result = SpeechResult("dev", "base", (leaky, clean))
    tally = result.by_type()["NATIONAL_ID"]
    assert (tally.values, tally.heard, tally.leaked) == (2, 2, 1)
    assert result.total().leak_rate == 0.5
    table = format_speech_report(result)
    assert "NATIONAL_ID" in table and "total" in table and "layout=stereo" in table


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_committed_sets_hold_enough_utterances_each_with_its_audio_and_values(name):
    speech_set = load_speech_set(SETS / name)
    assert len(speech_set.utterances) >= 300
    for utt in speech_set.utterances:
        assert utt.audio.is_file() and utt.values
        spoken = " ".join(t.text for t in utt.turns)
        assert all(v.spoken in spoken for v in utt.values)
    layouts = {u.layout for u in speech_set.utterances}
    assert layouts == {"mono", "stereo"}
    assert any(u.telephone for u in speech_set.utterances)
    assert {u.language for u in speech_set.utterances} >= {"en", "sv"}


def test_a_reference_with_values_replaced_by_tags_scores_no_leak_on_the_dev_set():
    speech_set = load_speech_set(SETS / "dev")
    for utt in speech_set.utterances[:60]:
        reference = " ".join(t.text for t in utt.turns)
        redacted = reference
        for v in utt.values:
            redacted = redacted.replace(v.spoken, f"[{v.type}]")
        score = score_utterance(utt, reference, redacted)
        assert all(v.heard and not v.leaked for v in score.values), utt.id
        assert score.removed == 0 and score.word_errors == 0, utt.id


def test_heldout_shares_no_voice_name_or_sentence_frame_with_dev():
    dev, heldout = (load_speech_set(SETS / n).utterances for n in ("dev", "heldout"))

    def persons(utts):
        return {v.value for u in utts for v in u.values if v.type == "PERSON"}

    def agent_lines(utts):
        return {t.text for u in utts for t in u.turns if t.speaker == "agent"}

    assert not {u.voice for u in dev} & {u.voice for u in heldout}
    assert not persons(dev) & persons(heldout)
    assert not agent_lines(dev) & agent_lines(heldout)


def test_eval_speech_on_a_missing_set_exits_2_with_a_one_line_reason(varsam, tmp_path):
    result = varsam("eval", "speech", "--set", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no speech set at" in result.stderr
