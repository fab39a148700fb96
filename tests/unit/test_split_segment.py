"""A batched clip's one long segment is cut into sentence-sized segments by its words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.transcript import Segment, Word, split_segment


def segment(*words: tuple[float, float, str]) -> Segment:
    placed = tuple(Word(start=a, end=b, text=t, probability=0.9) for a, b, t in words)
    text = " ".join(w.text for w in placed)
    return Segment(start=0.0, end=30.0, text=text, speaker="customer", channel=1, words=placed)


def test_a_clip_is_cut_after_each_sentence_and_at_each_long_pause():
    heard = segment(
        (0.5, 0.8, "Hello,"),
        (0.9, 1.2, "thanks."),
        (1.3, 1.6, "My"),
        (1.7, 2.0, "number"),
        (3.5, 3.9, "is"),  # a pause of 1.5 s before it
        (4.0, 4.4, "nine?"),
    )
    parts = split_segment(heard)
    assert [p.text for p in parts] == ["Hello, thanks.", "My number", "is nine?"]
    assert [(p.start, p.end) for p in parts] == [(0.5, 1.2), (1.3, 2.0), (3.5, 4.4)]
    assert all(p.speaker == "customer" and p.channel == 1 for p in parts)


def test_a_part_reads_as_the_recognizer_wrote_its_words():
    heard = segment((0.0, 0.3, "number"), (0.4, 0.5, "0"), (0.6, 0.7, "-7"), (0.8, 0.9, "-0."))
    parts = split_segment(heard, [" number", " 0", "-7", "-0."])
    assert [p.text for p in parts] == ["number 0-7-0."]


def test_a_segment_without_words_is_kept_whole():
    bare = Segment(start=1.0, end=2.0, text="hm", speaker="agent")
    assert split_segment(bare) == [bare]


@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 3.0),
            st.floats(0.01, 2.0),
            st.sampled_from(["yes", "no.", "well,", "why?", "okay!", "nine"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_every_word_is_kept_once_in_order_and_each_part_spans_its_words(steps):
    words, at = [], 0.0
    for gap, length, text in steps:
        words.append((at + gap, at + gap + length, text))
        at += gap + length
    heard = segment(*words)
    parts = split_segment(heard)
    assert [w for p in parts for w in p.words] == list(heard.words)
    for part in parts:
        assert part.start == part.words[0].start and part.end == part.words[-1].end
        assert part.text == " ".join(w.text for w in part.words)
        inside = zip(part.words, part.words[1:], strict=False)
        assert all(
            not a.text.endswith((".", "?", "!")) and b.start - a.end < 1.0 for a, b in inside
        )
