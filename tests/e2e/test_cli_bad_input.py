"""Bad input to the CLI: one clear line, a non-zero exit, and nothing written."""

from __future__ import annotations

import random
import shutil
import struct

import pytest

from tests.conftest import SAMPLES


def corrupt_header(src, dst):
    data = bytearray(src.read_bytes())
    rnd = random.Random(7)
    for i in range(64):
        data[i] = rnd.randrange(256)
    dst.write_bytes(bytes(data))
    return dst


def claiming_37_hours(folder):
    """A WAV whose header says 37 hours of 8 kHz 8-bit audio; five seconds follow it."""
    rate, n = 8000, 37 * 3600 * 8000
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    head = b"RIFF" + struct.pack("<I", 36 + n) + b"WAVEfmt " + fmt + b"data" + struct.pack("<I", n)
    path = folder / "long.wav"
    path.write_bytes(head + bytes([128]) * rate * 5)
    return path


def make_file(name, content):
    def make(folder):
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def objects(data_dir):
    root = data_dir / "objects"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_clean_failure(result, data_dir, words):
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert words in lines[0]
    assert objects(data_dir) == []


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.wav", "no such file"),
        (make_file("empty.wav", b""), "empty"),
        (make_file("notes.wav", b"meeting notes\n"), "decoded"),
        (lambda d: corrupt_header(SAMPLES / "en-delete.m4a", d / "corrupt.m4a"), "decoded"),
        (lambda d: corrupt_header(SAMPLES / "en-stereo-card.flac", d / "corrupt.flac"), "decoded"),
        (make_file("call.txt", b"x"), "unsupported audio format"),
        (claiming_37_hours, "over the maximum of 4.0 h"),
    ],
    ids=[
        "missing",
        "zero-length",
        "text-named-wav",
        "corrupt-m4a",
        "corrupt-flac",
        "txt",
        "header-claims-37-hours",
    ],
)
def test_ingest_rejects_bad_audio_and_writes_nothing(varsam, tmp_path, make, words):
    result = varsam("ingest", str(make(tmp_path)), "--call-id", "c1")
    assert_clean_failure(result, varsam.data_dir, words)


@pytest.mark.parametrize("bad", ["../x", "a/b", "..", "", "x" * 129, "-rf", "call id"])
def test_invalid_call_ids_are_rejected_before_anything_is_written(varsam, bad):
    result = varsam("ingest", str(SAMPLES / "en-billing.wav"), "--call-id", bad)
    assert_clean_failure(result, varsam.data_dir, "invalid call id")


def test_invalid_customer_id_in_a_deletion_is_rejected(varsam):
    result = varsam("delete", "--customer-id", "../../etc")
    assert_clean_failure(result, varsam.data_dir, "invalid customer id")


def test_stereo_layout_needs_two_channels(varsam):
    result = varsam(
        "ingest", str(SAMPLES / "en-billing.wav"), "--call-id", "c1", "--layout", "stereo"
    )
    assert_clean_failure(result, varsam.data_dir, "two channels")


def test_unknown_request_id_is_an_error(varsam):
    result = varsam("delete", "--status", "req-0123")
    assert_clean_failure(result, varsam.data_dir, "unknown request id")


def test_unknown_call_status_is_an_error(varsam):
    result = varsam("status", "--call-id", "nobody")
    assert_clean_failure(result, varsam.data_dir, "unknown call id")


def test_the_same_call_id_cannot_be_ingested_twice(varsam, tmp_path):
    wav = shutil.copy(SAMPLES / "en-billing.wav", tmp_path / "a.wav")
    assert varsam("ingest", wav, "--call-id", "c1").returncode == 0
    result = varsam("ingest", wav, "--call-id", "c1")
    assert result.returncode == 1 and "already ingested" in result.stderr


def test_every_command_has_help(varsam):
    for command in [
        "ingest",
        "flag",
        "delete",
        "run",
        "status",
        "export",
        "redact",
        "demo",
        "restrict",
        "hold",
        "release",
    ]:
        result = varsam(command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout, command
    assert varsam("flag", "do-not-record", "--help").returncode == 0


def test_bad_since_time_is_a_one_line_error(varsam, tmp_path):
    result = varsam("export", "--out", str(tmp_path / "x.jsonl"), "--since", "yesterday")
    assert_clean_failure(result, varsam.data_dir, "ISO 8601")
