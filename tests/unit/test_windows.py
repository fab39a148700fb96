"""Where a long call is cut into windows and how its speech is packed into batched clips."""

from __future__ import annotations

from pipeline.windows import Clip, close_gaps, cut_point, pack, runs_before, unheard, unpack

S = 16_000  # samples per second


def runs(*spans):
    return [{"start": int(a * S), "end": int(b * S)} for a, b in spans]


def test_cut_is_in_a_pause_that_every_channel_shares():
    left = runs((0, 10), (12, 20), (24, 29.5))
    right = runs((9, 13), (21, 23))
    cut = cut_point([left, right], 30 * S, guard=S, window=30 * S)
    # Left is quiet 20..24 but right speaks 21..23: the only common pauses are 20..21, 23..24
    assert cut is not None and 23 * S <= cut <= 24 * S


def test_cut_never_lands_inside_speech_of_any_channel():
    left = runs((0, 7), (8, 15), (16.5, 27), (27.2, 29.9))
    right = runs((6.5, 8.5), (14.8, 16.8))
    cut = cut_point([left, right], 30 * S, guard=S, window=30 * S)
    for found in (left, right):
        assert all(not (r["start"] < cut < r["end"]) for r in found)


def test_speech_starting_just_before_the_buffer_end_is_not_cut():
    # Speech from 29.5 s may be a word the VAD has not heard out: the cut stays before it
    cut = cut_point([runs((0, 20), (29.5, 30))], 30 * S, guard=S, window=30 * S)
    assert cut is not None and 20 * S <= cut <= 29 * S


def test_a_call_that_is_all_silence_is_cut_near_the_end():
    assert cut_point([[]], 30 * S, guard=S, window=30 * S) == 29 * S


def test_an_early_only_pause_waits_for_more_audio():
    assert cut_point([runs((0, 5), (6, 30))], 30 * S, guard=S, window=30 * S) is None


def test_speech_without_any_pause_is_cut_hard_only_after_two_windows():
    assert cut_point([runs((0, 60))], 60 * S, guard=S, window=30 * S) == 59 * S


def test_runs_before_a_hard_cut_are_trimmed_to_it():
    found = runs((0, 5), (8, 20), (25, 26))
    assert runs_before(found, 10 * S) == [Clip(0, 5 * S), Clip(8 * S, 10 * S)]


def test_pack_keeps_every_clip_within_whisper_window_and_loses_no_run():
    found = [Clip(int(a * S), int(b * S)) for a, b in [(0, 12), (20, 35), (40, 41), (50, 80)]]
    groups = pack(found, 30 * S)
    assert [r for g in groups for r in g] == found
    assert all(sum(r.end - r.start for r in g) <= 30 * S for g in groups if len(g) > 1)
    assert groups == [found[:3], found[3:]]  # 12 + 15 + 1 s of speech, the pauses dropped


def test_pack_puts_leftovers_gathered_from_several_clips_back_in_time_order():
    later, earlier = Clip(50 * S, 52 * S), Clip(3 * S, 5 * S)
    between = Clip(20 * S, 21 * S)
    assert pack([later, earlier, between], 30 * S) == [[earlier, between, later]]


def test_unpack_maps_a_packed_sample_back_to_the_call():
    group = [Clip(10 * S, 12 * S), Clip(20 * S, 25 * S)]
    assert unpack(group, 0) == 10 * S
    assert unpack(group, 2 * S + S) == 21 * S  # one second into the second run


def test_unheard_gives_speech_that_no_segment_covers():
    speech = [Clip(0, 20 * S)]
    heard = [(0, 5 * S), (12 * S, 14 * S)]
    assert unheard(speech, heard, slack=S) == [Clip(5 * S, 12 * S), Clip(14 * S, 20 * S)]
    assert unheard(speech, [(0, 19 * S + S // 2)], slack=S) == []


def test_word_spans_closer_than_the_slack_count_as_one_heard_stretch():
    words = [(50, 60), (0, 10), (12, 20), (40, 45)]
    assert close_gaps(words, slack=5) == [(0, 20), (40, 60)]
    # a gap wider than the slack stays open, for unheard() to find
    assert unheard([Clip(0, 60)], close_gaps(words, slack=5), slack=5) == [Clip(20, 40)]
