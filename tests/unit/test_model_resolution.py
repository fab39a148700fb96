"""Whisper models resolve offline: from their PyPI packages, or a configured folder."""

from __future__ import annotations

import pytest

from models.whisper_files import BASE_SHA256, assemble_base, resolve_whisper_model
from pipeline.errors import ModelUnavailable


def test_tiny_en_comes_from_its_package(tmp_path):
    name, path = resolve_whisper_model("tiny.en", tmp_path)
    assert name == "tiny.en" and (path / "model.bin").is_file()


def test_a_configured_folder_wins(tmp_path):
    folder = tmp_path / "my-finetune"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x")
    assert resolve_whisper_model(str(folder), tmp_path) == ("my-finetune", folder)


def test_a_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ModelUnavailable):
        resolve_whisper_model(str(tmp_path), tmp_path / "cache")


def test_other_names_are_left_to_faster_whisper(tmp_path):
    assert resolve_whisper_model("large-v3", tmp_path) == ("large-v3", "large-v3")


def test_base_is_assembled_once_verified_and_rebuilt_when_damaged(tmp_path):
    target = assemble_base(tmp_path)
    model = target / "model.bin"
    assert {p.name for p in target.iterdir()} >= {"model.bin", "config.json", "tokenizer.json"}
    assert (target / ".varsam-verified").read_text().strip() == BASE_SHA256
    built = model.stat().st_mtime_ns
    assert assemble_base(tmp_path) == target and model.stat().st_mtime_ns == built
    with open(model, "r+b") as fh:
        fh.truncate(1000)
    assemble_base(tmp_path)
    assert model.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == ["faster-whisper-base"]


def test_cpu_threads_default_to_the_cores_this_process_may_use_shared_by_its_workers(
    monkeypatch,
):
    import os

    from config.settings import AsrSettings
    from models.asr import thread_plan

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3, 4, 5}, raising=False)
    assert thread_plan(AsrSettings()) == (6, 1)
    assert thread_plan(AsrSettings(num_workers=3)) == (2, 3)
    assert thread_plan(AsrSettings(num_workers=8)) == (1, 8)
    assert thread_plan(AsrSettings(cpu_threads=4, num_workers=2)) == (4, 2)
