"""Dialogue-aware redaction and Whisper's doubt: the answer to a question for personal data is
redacted where no recognizer fires; unsure words beside personal data go with it; what was
not asked for, or said with confidence, stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.settings import load_settings
from pipeline.answer_windows import TranscriptRedaction
from pipeline.redacted import redact_transcript
from pipeline.redaction.dialogue import questions_in
from pipeline.redaction.span import Span
from pipeline.redaction.widen import PlacedWord, widen_to_joined_words, widen_to_unsure_words
from pipeline.transcript import Segment, Transcript, Word
from tests.unit.recognizer_helpers import analyzed


class NothingFound:
    """An analyzer that finds nothing: whatever is redacted, the dialogue redacted."""

    def analyze(self, text: str, language: str | None) -> list[Span]:
        return []


def segment(text: str, start: float, speaker: str, probabilities: dict[str, float] | None = None):
    """A segment whose words last 0.4 s each; `probabilities` lowers some words' probability."""
    chunks = text.split()
    words = tuple(
        Word(start + 0.4 * k, start + 0.4 * (k + 1), w, (probabilities or {}).get(w, 0.95))
        for k, w in enumerate(chunks)
    )
    channel = 1 if speaker == "customer" else 0
    return Segment(start, start + 0.4 * len(chunks), text, speaker, channel, words)


def redacted_text(segments, language="en", analyzer=None, options=None) -> list[str]:
    document = redact_transcript(
        Transcript("c1", language, 60.0, tuple(segments), "scripted"),
        analyzer or NothingFound(),
        versions={},
        redacted_at=datetime(2026, 1, 1, tzinfo=UTC),
        source_sha256="0" * 64,
        options=options,
    )
    return [s["text"] for s in document["segments"]]


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        (
            "Could you confirm your personal identity number?",
            "Yes, it is 1.985, yes, 3218.",
            "Yes, it is [NATIONAL_ID].",
        ),
        ("Vad är ditt personnummer?", "Det är nittun tål tjej sex.", "Det är [NATIONAL_ID]."),
        ("Hvad er dit CPR-nummer?", "Det er tolv ti firs, nul syv.", "Det er [NATIONAL_ID]."),
        ("Hva er fødselsnummeret ditt?", "Ja, det er seksti to sju.", "Ja, det er [NATIONAL_ID]."),
        ("Can I have your date of birth?", "Sure, 3rd of may 81.", "Sure, [DATE_OF_BIRTH]."),
        ("And your name?", "Maria Garcia.", "[PERSON]."),
        ("Vad är din adress?", "Det är Vipstigen tretton.", "Det är [STREET_ADDRESS]."),
        ("Can I have your email?", "It's mary at memple.", "It's [EMAIL]."),
    ],
)
def test_redact_the_customers_answer_to_a_question_for_personal_data_in_a_stereo_call(
    question, answer, expected
):
    texts = redacted_text(
        [segment(question, 0.0, "agent"), segment(answer, 3.0, "customer")], language=None
    )
    assert texts == [question, expected]


def test_the_answer_window_ends_when_the_agent_speaks_again():
    texts = redacted_text(
        [
            segment("What is your phone number?", 0.0, "agent"),
            segment("Seven two five nine.", 2.0, "customer"),
            segment("Thanks. Anything else?", 5.0, "agent"),
            segment("One or two things about 40 days.", 7.0, "customer"),
        ]
    )
    assert texts[1] == "[PHONE]."
    assert texts[3] == "One or two things about 40 days."


def test_a_second_question_in_the_agents_segment_ends_the_first_ones_answer():
    # Whisper put both questions in one agent segment; the customer answered between them.
    first = segment("And your name?", 0.0, "agent")
    second = segment("What is your customer number?", 4.0, "agent")
    agent = Segment(0.0, 6.0, f"{first.text} {second.text}", "agent", 0, first.words + second.words)
    customer = [
        segment("Maria Garcia", 1.5, "customer"),
        segment("It is four four one two nine.", 6.2, "customer"),
    ]
    texts = redacted_text([agent, *customer])
    assert texts[1:] == ["[PERSON]", "It is [CUSTOMER_ID]."]


def test_redact_the_next_segment_after_a_question_in_a_mono_call():
    texts = redacted_text(
        [
            segment("Kundtjänst. Vad är ditt personnummer?", 0.0, "mixed"),
            segment("Ja, nittun åtti, tål, tjej sex.", 3.0, "mixed"),
            segment("Och det kostar 200 kronor, version 2.1 klockan 10.30.", 8.0, "mixed"),
        ],
        language="sv",
    )
    assert texts[1] == "Ja, [NATIONAL_ID]."
    assert texts[2] == "Och det kostar 200 kronor, version 2.1 klockan 10.30."


def test_a_question_and_its_answer_in_one_mono_segment():
    texts = redacted_text(
        [segment("What's your customer number? It's four four one two nine.", 0.0, "mixed")]
    )
    assert texts == ["What's your customer number? It's [CUSTOMER_ID]."]


@pytest.mark.parametrize(
    "said",
    [
        "My address is the same as before.",
        "Billing department, how can I help?",
        "Can you hear me?",
        "Which card is it?",
        "Mitt personnummer har ni redan.",
    ],
)
def test_no_question_for_personal_data_no_dialogue_redaction(said):
    assert questions_in(said) == []
    texts = redacted_text(
        [segment(said, 0.0, "agent"), segment("One or two things.", 3.0, "customer")]
    )
    assert texts[1] == "One or two things."


class FirstNameOnly:
    """An analyzer that knows the first name "Anna" and nothing else."""

    def analyze(self, text: str, language: str | None) -> list[Span]:
        at = text.find("Anna")
        return [] if at < 0 else [Span(at, at + 4, "PERSON")]


@pytest.mark.parametrize(
    ("probability", "expected"),
    [(0.3, "Hi, I am [PERSON] speaking."), (0.9, "Hi, I am [PERSON] Witfiel speaking.")],
)
def test_an_unsure_word_beside_personal_data_is_redacted_with_it(probability, expected):
    said = "Hi, I am Anna Witfiel speaking."
    words = {"Witfiel": probability, "Hi,": 0.2}  # "Hi," is unsure but beside nothing
    texts = redacted_text([segment(said, 0.0, "customer", words)], analyzer=FirstNameOnly())
    assert texts == [expected]


def test_unsure_words_grow_a_span_only_beside_it_and_within_the_sentence():
    text = "Feeling department. Anna called about 2 things"
    words = [
        PlacedWord(0, 7, 0.2),  # Feeling: unsure, beside no span
        PlacedWord(8, 19, 0.3),  # department.: unsure, ends the sentence before Anna
        PlacedWord(20, 24, 0.9),  # Anna
        PlacedWord(25, 31, 0.95),  # called: sure
        PlacedWord(38, 39, 0.1),  # 2: unsure but not beside the span
    ]
    spans = [Span(20, 24, "PERSON")]
    assert widen_to_unsure_words(text, spans, words) == spans
    unsure_after = [*words[:3], PlacedWord(25, 31, 0.2), PlacedWord(32, 37, 0.3)]
    grown = widen_to_unsure_words(text, spans, unsure_after)
    assert [(s.start, s.end) for s in grown] == [(20, 37)]


def test_a_span_inside_an_address_like_word_covers_all_of_it():
    text = "My email is John.Witfield.tellier.c and version 1.2.3 is out."
    widened = widen_to_joined_words(text, [Span(12, 16, "PERSON")])
    assert [text[s.start : s.end] for s in widened] == ["John.Witfield.tellier.c"]
    assert analyzed("My email is John.Witfield.tellier.c", "en") == [
        ("John.Witfield.tellier.c", "PERSON")
    ]
    assert widen_to_joined_words("version 1.2.3 is out", []) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my email is anna witfield at memple dot com.", "anna witfield at memple dot com"),
        ("min e-post är anna punkt svensson snabel-a telia punkt se", None),
        ("Min mejladress er per at gmail punktum dk", "per at gmail punktum dk"),
    ],
)
def test_a_spoken_email_address_is_one_span_from_local_part_to_domain(text, value):
    found = [(t, kind) for t, kind in analyzed(text) if kind == "EMAIL"]
    assert len(found) == 1
    assert found[0][0] == (value or text[text.index("anna") :])


@pytest.mark.parametrize(
    "text", ["Meet me at noon tomorrow, the site is up.", "Look at the report dot by dot tomorrow."]
)
def test_at_and_dot_in_ordinary_speech_are_no_email_address(text):
    assert [kind for _t, kind in analyzed(text, "en") if kind == "EMAIL"] == []


def test_settings_turn_dialogue_redaction_and_unsure_words_off():
    defaults = load_settings().redaction
    assert defaults.dialogue_window_s > 0 and 0 < defaults.unsure_word_probability < 1
    call = [
        segment("What is your phone number?", 0.0, "agent"),
        segment("Seven two five nine.", 2.0, "customer"),
    ]
    assert redacted_text(call)[1] == "[PHONE]."
    off = TranscriptRedaction(dialogue_window_s=0, unsure_probability=0)
    assert redacted_text(call, options=off)[1] == "Seven two five nine."
    unsure = [segment("Hi, I am Anna Witfiel speaking.", 0.0, "customer", {"Witfiel": 0.3})]
    assert redacted_text(unsure, analyzer=FirstNameOnly())[0] == "Hi, I am [PERSON] speaking."
    assert "Witfiel" in redacted_text(unsure, analyzer=FirstNameOnly(), options=off)[0]


def test_word_times_out_of_order_still_give_one_answer_span():
    # the recognizer gave "two" an earlier time than "Seven", which comes before it
    words = (
        Word(2.4, 2.8, "Seven"),
        Word(2.0, 2.4, "two"),
        Word(2.8, 3.2, "five"),
        Word(3.2, 3.6, "nine."),
    )
    answer = Segment(2.0, 3.6, "Seven two five nine.", "customer", 1, words)
    texts = redacted_text([segment("What is your phone number?", 0.0, "agent"), answer])
    assert texts[1] == "[PHONE]."
