"""The redact stage's audio: bleeped per channel, idempotent, fenced by consent, exported."""

from __future__ import annotations

import io
import json
import wave

import numpy as np
import pytest

from pipeline import keys
from pipeline.audio_redaction import SAMPLE_RATE, AudioRedaction, cover_samples
from pipeline.events import ConsentFlag, RecordingReceived
from pipeline.export_rows import export_rows
from pipeline.ids import new_request_id
from pipeline.stages import ingest, purge, redact, transcribe
from pipeline.storage import sha256_file
from pipeline.transcript import Transcript
from tests.fakes import ScriptedTranscriber, _segment, make_context, write_wav

AUDIO = keys.redacted_audio("c1")
PAD = AudioRedaction().padding_s


@pytest.fixture
def ctx():
    return make_context()


def land(ctx, tmp_path, channels=1, layout="mono"):
    wav = write_wav(tmp_path / "c1.wav", seconds=4.0, channels=channels)
    key = keys.original_audio("c1", "wav")
    ctx.store.put_file(key, wav)
    return RecordingReceived(
        call_id="c1",
        audio_key=key,
        audio_sha256=sha256_file(wav),
        size_bytes=wav.stat().st_size,
        layout=layout,
        customer_id="cust-1",
        started_at=ctx.clock(),
    )


def transcribed(ctx, event):
    [ingested] = ingest.handle(event, ctx)
    [done] = transcribe.handle(ingested, ctx)
    return done


def accept(ctx, kind="do_not_record", carry_out=True):
    ctx.clock.advance(0.001)
    f = ConsentFlag(
        request_id=new_request_id(),
        kind=kind,
        scope="call",
        subject_id="c1",
        accepted_at=ctx.clock(),
    )
    purge.accept_flag(ctx, f)
    if carry_out:
        purge.handle(f, ctx)
        purge.sweep_due(ctx)
    return f


def samples(ctx, key=AUDIO) -> np.ndarray:
    with wave.open(io.BytesIO(ctx.store.get_bytes(key))) as w:
        assert (w.getframerate(), w.getsampwidth()) == (SAMPLE_RATE, 2)
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return data.reshape(-1, w.getnchannels())


def at(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def original(ctx) -> np.ndarray:
    return samples(ctx, keys.original_audio("c1", "wav"))


def test_redacted_audio_is_bleeped_over_each_entity_and_intact_elsewhere(ctx, tmp_path):
    redact.handle(transcribed(ctx, land(ctx, tmp_path)), ctx)
    doc = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    assert doc["audio_key"] == AUDIO and doc["audio"]["mode"] == "bleep"
    out, source = samples(ctx), original(ctx)
    assert out.shape == source.shape == (at(4.0), 1)
    person = doc["segments"][0]["entities"][0]  # "John Smith": words at 1.2 .. 1.9 s
    lo, hi = at(person["t_start"] - PAD), at(person["t_end"] + PAD)
    assert (person["t_start"], person["t_end"]) == (1.2, 1.9)
    assert np.array_equal(out[lo:hi, 0], cover_samples(lo, hi, AudioRedaction()))
    assert np.array_equal(out[:lo], source[:lo])
    assert np.array_equal(out[hi : at(3.2 - PAD)], source[hi : at(3.2 - PAD)])


def test_in_a_stereo_call_an_entity_is_bleeped_only_on_its_speakers_channel(ctx, tmp_path):
    class StereoTranscriber(ScriptedTranscriber):
        def transcribe(self, audio, *, call_id, stereo, language):
            segments = (
                _segment("hello my name is Anna Berg", 0.0, "agent", 0),
                _segment("my number is 07001234567", 2.4, "customer", 1),
            )
            return Transcript(call_id, "en", 4.0, segments, "scripted")

    ctx.transcriber = StereoTranscriber()
    redact.handle(transcribed(ctx, land(ctx, tmp_path, channels=2, layout="stereo")), ctx)
    out, source = samples(ctx), original(ctx)
    agent_name = (at(1.6 - PAD), at(2.3 + PAD))  # "Anna Berg", agent channel
    phone = (at(3.6 - PAD), at(3.9 + PAD))  # the customer's number
    assert out.shape == (at(4.0), 2)
    assert np.array_equal(
        out[slice(*agent_name), 0], cover_samples(*agent_name, ctx.audio_redaction)
    )
    assert np.array_equal(out[slice(*agent_name), 1], source[slice(*agent_name), 1])
    assert np.array_equal(out[slice(*phone), 1], cover_samples(*phone, ctx.audio_redaction))
    assert np.array_equal(out[slice(*phone), 0], source[slice(*phone), 0])


def test_silence_mode_writes_zeros_over_each_entity(ctx, tmp_path):
    ctx.audio_redaction = AudioRedaction(mode="silence", padding_s=0.0)
    redact.handle(transcribed(ctx, land(ctx, tmp_path)), ctx)
    assert not samples(ctx)[at(1.2) : at(1.9)].any()


def test_audio_off_writes_no_redacted_audio(ctx, tmp_path):
    ctx.audio_redaction = AudioRedaction(mode="off")
    redact.handle(transcribed(ctx, land(ctx, tmp_path)), ctx)
    doc = json.loads(ctx.store.get_bytes(keys.redacted_transcript("c1")))
    assert "audio_key" not in doc and not ctx.store.exists(AUDIO)
    assert "audio_key" not in next(export_rows(ctx))


def test_the_export_row_points_at_the_redacted_audio(ctx, tmp_path):
    redact.handle(transcribed(ctx, land(ctx, tmp_path)), ctx)
    [row] = export_rows(ctx)
    assert row["audio_key"] == AUDIO


def test_redelivery_gives_the_same_audio_and_the_same_event(ctx, tmp_path):
    event = transcribed(ctx, land(ctx, tmp_path))
    first = redact.handle(event, ctx)
    audio = ctx.store.get_bytes(AUDIO)
    assert redact.handle(event, ctx) == first
    ctx.store.delete(AUDIO)  # a lost write: the next delivery puts the very same audio back
    redact.handle(event, ctx)
    assert ctx.store.get_bytes(AUDIO) == audio


def test_a_flag_arriving_during_the_audio_write_leaves_no_redacted_artifact(
    ctx, tmp_path, monkeypatch
):
    event = transcribed(ctx, land(ctx, tmp_path))
    put_file = ctx.store.put_file

    def put_then_flag(key, path):
        put_file(key, path)
        if key == AUDIO:
            accept(ctx, carry_out=False)  # accepted, not yet purged: the stage must clean up

    monkeypatch.setattr(ctx.store, "put_file", put_then_flag)
    assert redact.handle(event, ctx) == []
    assert not ctx.store.exists(AUDIO)
    assert not ctx.store.exists(keys.redacted_transcript("c1"))


def test_a_flag_between_audio_and_transcript_takes_the_audio_back(ctx, tmp_path, monkeypatch):
    event = transcribed(ctx, land(ctx, tmp_path))

    def flag_then_hash(path):
        accept(ctx, carry_out=False)
        return sha256_file(path)

    monkeypatch.setattr(redact, "sha256_file", flag_then_hash)
    assert redact.handle(event, ctx) == []
    assert ctx.store.list(keys.call_prefix("c1") + "audio/redacted") == []
    assert not ctx.store.exists(keys.redacted_transcript("c1"))


def test_delete_after_processing_removes_the_redacted_audio_too(ctx, tmp_path):
    redact.handle(transcribed(ctx, land(ctx, tmp_path)), ctx)
    f = accept(ctx, kind="delete_recording")
    receipt = ctx.receipts.get(f.request_id)
    assert receipt.state == "completed" and receipt.deleted["redacted_audio"] == 1
    assert ctx.store.list("calls/") == []


def test_without_the_landing_copy_the_transcript_is_redacted_without_audio(ctx, tmp_path):
    event = transcribed(ctx, land(ctx, tmp_path))
    ctx.store.delete(keys.original_audio("c1", "wav"))  # past its retention
    [done] = redact.handle(event, ctx)
    assert done.entity_counts == {"PERSON": 1, "PHONE": 1}
    assert not ctx.store.exists(AUDIO)
