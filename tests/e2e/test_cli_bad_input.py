"""Bad input to the CLI: one clear line, a non-zero exit, and nothing written."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES


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


def assert_clean_failure(result, data_dir, words, code=1):
    assert result.returncode == code, result.stderr
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
        "report",
        "topics",
        "worker",
        "eval",
    ]:
        result = varsam(command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout, command
    assert varsam("flag", "do-not-record", "--help").returncode == 0


def test_bad_since_time_is_a_one_line_error(varsam, tmp_path):
    result = varsam("export", "--out", str(tmp_path / "x.jsonl"), "--since", "yesterday")
    assert_clean_failure(result, varsam.data_dir, "ISO 8601")


def cli(data_dir, *args, env=None, stdin=None):
    """The CLI with exactly the environment given (the caller's VARSAM_* left out)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("VARSAM_")}
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**base, "VARSAM_DATA_DIR": str(data_dir), **(env or {})},
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["flag", "do-not-record", "--call-id", "../x"], "invalid call id"),
        (["restrict", "--call-id", "a/b"], "invalid call id"),
        (["release", "--customer-id", ".."], "invalid customer id"),
        (["hold", "--call-id", "h1", "--reason", "r" * 70_000], "at most 200 characters"),
        (["hold", "--call-id", "h1", "--reason", "line one\nline two"], "one line"),
        (["hold", "--call-id", "h1", "--customer-id", "c", "--reason", "x"], "exactly one"),
        (["report", "--customer-id", "../../etc"], "invalid customer id"),
        (["export"], "--out is required"),
        (["worker", "ingest"], "distributed mode"),
        (["eval", "redaction", "--corpus", "/no/such/corpus.json"], "cannot read corpus"),
        (["demo", "--samples", "/no/such/folder"], "No such file or directory"),
        (
            [
                "ingest",
                str(SAMPLES / "en-billing.wav"),
                "--call-id",
                "c1",
                "--language",
                "../../etc",
            ],
            "unsupported --language",
        ),
        (
            [
                "ingest",
                str(SAMPLES / "en-billing.wav"),
                "--call-id",
                "c1",
                "--language",
                "xx-notalang",
            ],
            "unsupported --language",
        ),
    ],
    ids=[
        "flag-id",
        "restrict-id",
        "release-id",
        "hold-long-reason",
        "hold-two-lines",
        "hold-two-subjects",
        "report-id",
        "export-no-out",
        "worker-embedded",
        "eval-missing-corpus",
        "demo-missing-samples",
        "ingest-path-language",
        "ingest-unknown-language",
    ],
)
def test_every_command_answers_bad_input_with_one_line(tmp_path, args, words):
    result = cli(tmp_path / "data", *args)
    assert_clean_failure(result, tmp_path / "data", words)


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],
        ["redact", "--format", "xml"],
        ["worker", "transcribe", "--concurrency", "0"],
        ["run", "--poll", "soon"],
        ["delete", "--status"],
        ["status"],
        ["eval", "redaction"],
        ["report", "--customer-id", "c", "--nope"],
    ],
    ids=[
        "missing-argument",
        "bad-choice",
        "below-minimum",
        "not-a-number",
        "missing-value",
        "missing-option",
        "eval-missing-option",
        "unknown-option",
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(tmp_path, args):
    result = cli(tmp_path / "data", *args)
    assert_clean_failure(result, tmp_path / "data", "", code=2)


@pytest.mark.parametrize(
    ("env", "words", "command"),
    [
        (
            {"VARSAM_KAFKA__PARTITIONS": "notanint"},
            "VARSAM_KAFKA__PARTITIONS",
            ["topics", "create"],
        ),
        (
            {"VARSAM_EMBEDDED__CLAIM_LEASE_S": "-1"},
            "VARSAM_EMBEDDED__CLAIM_LEASE_S",
            ["run", "--once"],
        ),
        (
            {"VARSAM_REDACTION__OPERATOR": "shred"},
            "VARSAM_REDACTION__OPERATOR",
            ["report", "--customer-id", "c"],
        ),
        ({"VARSAM_CONFIG": "/no/such/varsam.toml"}, "VARSAM_CONFIG", ["status", "--call-id", "c"]),
    ],
    ids=["not-an-int", "out-of-range", "unknown-choice", "missing-config-file"],
)
def test_a_bad_configuration_value_is_one_line_naming_the_setting_not_its_value(
    tmp_path, env, words, command
):
    result = cli(tmp_path / "data", *command, env=env)
    assert_clean_failure(result, tmp_path / "data", words)
    for value in env.values():
        if value != "/no/such/varsam.toml":
            assert value not in result.stderr


def test_a_bad_toml_config_file_is_one_line(tmp_path):
    config = tmp_path / "varsam.toml"
    config.write_text("[kafka\npartitions = 3\n")
    result = cli(tmp_path / "data", "status", "--call-id", "c1", env={"VARSAM_CONFIG": str(config)})
    assert_clean_failure(result, tmp_path / "data", "not valid TOML")


def test_run_in_distributed_mode_is_refused_in_one_line(tmp_path):
    result = cli(tmp_path / "data", "--backend", "kafka", "run", "--once")
    assert_clean_failure(result, tmp_path / "data", "embedded mode")


def test_export_to_a_folder_is_one_line_and_leaves_no_temp_file(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli(tmp_path / "data", "export", "--out", str(folder))
    assert_clean_failure(result, tmp_path / "data", "is a folder")
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_through_a_planted_temp_link_leaves_its_target_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / ".e.jsonl.tmp").symlink_to(victim)
    result = cli(tmp_path / "data", "export", "--out", str(out / "e.jsonl"))
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious" and (out / "e.jsonl").read_text() == ""
    assert stat.S_IMODE((out / "e.jsonl").stat().st_mode) == 0o600


def test_export_onto_a_special_file_is_refused(tmp_path):
    # A FIFO, not /dev/full: code without the check, run as root, must not replace a device.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli(tmp_path / "data", "export", "--out", str(fifo))
    assert_clean_failure(result, tmp_path / "data", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_onto_a_link_is_refused(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "e.jsonl").symlink_to(victim)
    result = cli(tmp_path / "data", "export", "--out", str(tmp_path / "e.jsonl"))
    assert_clean_failure(result, tmp_path / "data", "symbolic link")
    assert victim.read_text() == "precious"


def test_run_once_exits_non_zero_and_says_so_when_an_event_is_dead_lettered(tmp_path):
    data = tmp_path / "data"
    wav = shutil.copy(SAMPLES / "en-billing.wav", tmp_path / "a.wav")
    assert cli(data, "ingest", wav, "--call-id", "c1").returncode == 0
    (data / "objects" / "calls" / "c1" / "audio" / "original.wav").write_bytes(b"no longer audio")
    result = cli(data, "run", "--once")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "dead-lettered 1" in result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: 1 events failed") and "c1" in last
    status = json.loads(cli(data, "status", "--call-id", "c1").stdout)
    assert status["failure"] == "undecodable_audio"


def test_a_long_hold_reason_is_refused_and_a_later_deletion_completes(tmp_path):
    data = tmp_path / "data"
    wav = shutil.copy(SAMPLES / "en-billing.wav", tmp_path / "a.wav")
    assert cli(data, "ingest", wav, "--call-id", "h1", "--customer-id", "cust-9").returncode == 0
    held = cli(data, "hold", "--customer-id", "cust-9", "--reason", "r" * 70_000)
    assert held.returncode == 1 and "at most 200" in held.stderr
    deleted = cli(data, "delete", "--call-id", "h1")
    assert deleted.returncode == 0 and "completed" in deleted.stdout, deleted.stderr
    receipt = cli(data, "delete", "--status", deleted.stdout.split()[-1])
    assert receipt.stdout.startswith("completed")
    assert cli(data, "report", "--customer-id", "cust-9").returncode == 0
    with sqlite3.connect(data / "varsam.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE state = 'dlq'").fetchone() == (0,)


def test_re_ingesting_a_deleted_call_says_consent_forbids_it(tmp_path):
    data = tmp_path / "data"
    wav = shutil.copy(SAMPLES / "en-billing.wav", tmp_path / "a.wav")
    assert cli(data, "ingest", wav, "--call-id", "c1").returncode == 0
    assert cli(data, "delete", "--call-id", "c1").returncode == 0
    again = cli(data, "ingest", wav, "--call-id", "c1")
    assert "consent forbids" in again.stdout and "already ingested" not in again.stderr
