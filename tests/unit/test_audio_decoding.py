"""Recordings probed from their header, capped in length, and decoded once in bounded blocks."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from pipeline import events, keys
from pipeline.audio import AudioTooLong, pcm_blocks, probe_audio
from pipeline.audio_redaction import _decoded
from pipeline.events import RecordingReceived
from pipeline.pcm_spool import PcmSpool
from pipeline.stages import ingest, redact, transcribe
from pipeline.storage import sha256_file
from tests.conftest import SAMPLES
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, make_context, write_wav


def claiming_wav(path, hours: float, rate: int = 8000):
    """A WAV whose header says `hours` of 8-bit audio, followed by five real seconds."""
    n = int(hours * 3600 * rate)
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    header = b"RIFF" + struct.pack("<I", 36 + n) + b"WAVEfmt " + fmt + b"data"
    path.write_bytes(header + struct.pack("<I", n) + bytes([128]) * rate * 5)
    return path


def test_a_wav_header_claiming_37_hours_is_refused_at_the_door(tmp_path):
    with pytest.raises(AudioTooLong) as err:
        probe_audio(claiming_wav(tmp_path / "long.wav", 37))
    assert err.value.reason == "audio_too_long"
    assert "37.0 h" in str(err.value) and "4.0 h" in str(err.value)


def test_the_maximum_duration_is_the_configured_one(tmp_path):
    path = write_wav(tmp_path / "a.wav", seconds=3.0)
    assert probe_audio(path, max_duration_s=10).duration_s == pytest.approx(3.0)
    with pytest.raises(AudioTooLong):
        probe_audio(path, max_duration_s=2)


def test_probe_reads_each_sample_format_from_its_header(manifest):
    for call in manifest:
        info = probe_audio(SAMPLES / call["file"])
        assert info.duration_s == pytest.approx(call["duration_s"], abs=0.1), call["file"]
        assert info.channels == (2 if call["layout"] == "stereo" else 1)


def test_decoding_comes_in_bounded_blocks_that_add_up_to_the_call():
    blocks = list(pcm_blocks(SAMPLES / "en-stereo-card.flac", split_stereo=True, block_s=5.0))
    assert all(b.samples.shape[0] == 2 for b in blocks)
    assert max(b.samples.shape[1] for b in blocks) == 5 * 16000
    assert [b.offset_s for b in blocks] == [5.0 * i for i in range(len(blocks))]
    assert sum(b.samples.shape[1] for b in blocks) / 16000 == pytest.approx(21.99, abs=0.01)


def test_blocks_hold_what_faster_whisper_would_decode():
    from faster_whisper import decode_audio

    path = SAMPLES / "en-delete.m4a"
    ours = np.concatenate([b.samples[0] for b in pcm_blocks(path, split_stereo=False)])
    assert np.array_equal(ours, decode_audio(str(path)))


def test_decoding_past_the_maximum_stops_whatever_the_header_said():
    with pytest.raises(AudioTooLong):
        list(pcm_blocks(SAMPLES / "en-billing.wav", split_stereo=False, max_duration_s=5.0))


@pytest.mark.parametrize(
    ("name", "split_stereo"),
    [
        ("en-stereo-card.flac", False),  # mixed to mono for ASR, kept in stereo
        ("en-stereo-card.flac", True),
        ("en-dnr.mp3", False),
    ],
)
def test_kept_pcm_is_what_audio_redaction_would_decode_from_the_original(
    tmp_path, name, split_stereo
):
    source = SAMPLES / name
    kept = tmp_path / "kept.wav"
    list(pcm_blocks(source, split_stereo=split_stereo, keep_pcm=kept))
    original = np.concatenate(list(_decoded(source)))
    again = np.concatenate(list(_decoded(kept)))
    assert np.array_equal(again, original)


class DecodingTranscriber(ScriptedTranscriber):
    """The scripted transcript, but decoding the audio as the real one does."""

    def transcribe(self, audio, *, call_id, stereo, language, keep_pcm=None):
        for _ in pcm_blocks(audio, split_stereo=stereo, keep_pcm=keep_pcm):
            pass
        return super().transcribe(audio, call_id=call_id, stereo=stereo, language=language)


def run_call(ctx, tmp_path):
    wav = write_wav(tmp_path / "c1.wav", seconds=4.0)
    key = keys.original_audio("c1", "wav")
    ctx.store.put_file(key, wav)
    event = RecordingReceived(
        call_id="c1",
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        customer_id="cust-1",
        started_at=ctx.clock(),
    )
    fetched = []
    fetch = ctx.store.fetch_to
    ctx.store.fetch_to = lambda k, p: (fetched.append(k), fetch(k, p))[1]
    [ingested] = ingest.handle(event, ctx)
    [done] = transcribe.handle(ingested, ctx)
    redact.handle(done, ctx)
    doc = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    return fetched, doc["audio"]["sha256"]


def test_transcribe_and_redact_in_one_process_decode_the_recording_once(tmp_path):
    spool = PcmSpool()
    shared = make_context(transcriber=DecodingTranscriber(), pcm_spool=spool)
    fetched, digest = run_call(shared, tmp_path)
    # ingest reads the header, transcribe decodes; redact covers transcribe's PCM
    assert fetched.count(keys.original_audio("c1", "wav")) == 2
    assert list(spool._dir.iterdir()) == []  # used once, then deleted
    separate = make_context(transcriber=DecodingTranscriber())
    fetched_apart, digest_apart = run_call(separate, tmp_path / "..")
    assert fetched_apart.count(keys.original_audio("c1", "wav")) == 3
    assert digest == digest_apart  # the same redacted audio either way


def test_decoded_audio_left_in_the_spool_is_deleted_when_the_run_is_idle(tmp_path):
    from config.settings import load_settings
    from workers.runners.embedded import Embedded

    embedded = Embedded(
        load_settings(data_dir=tmp_path / "data"),
        transcriber_factory=DecodingTranscriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {}),
    )
    spool = embedded.ctx.pcm_spool
    held, clear = [], spool.clear
    spool.clear = lambda: (held.extend(spool._dir.iterdir()), clear())
    embedded.ingest(write_wav(tmp_path / "a.wav", seconds=2.0), call_id="c1")
    embedded.run(topics=(events.CONSENT, events.RECORDINGS, events.INGESTED))  # not redacted
    assert len(held) == 1  # transcribe left its decoded audio for a redact that did not run
    assert list(spool._dir.iterdir()) == []
    embedded.run()
    assert embedded.store.exists(keys.redacted_audio("c1"))  # redacted from the original
    embedded.close()
    assert not spool._dir.exists()
