"""Exports never write through a link or onto a device, and are recorded only once in place."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from config.settings import load_settings
from pipeline.export_manifests import exported_calls
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.adapters.output_file import UnsafeOutput
from workers.runners.embedded import Embedded


@pytest.fixture
def embedded(tmp_path):
    e = Embedded(
        load_settings(data_dir=tmp_path / "data"),
        transcriber_factory=ScriptedTranscriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
    )
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1")
    e.run()
    yield e
    e.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_link_planted_at_the_old_temp_name_is_not_followed(embedded, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out_dir / ".e.jsonl.tmp").symlink_to(victim)
    assert embedded.export(out_dir / "e.jsonl") == 1
    assert victim.read_text() == "precious"
    assert json.loads((out_dir / "e.jsonl").read_text())["call_id"] == "c1"


def test_an_output_that_is_a_link_is_refused_and_its_target_untouched(embedded, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "e.jsonl"
    out.symlink_to(victim)
    with pytest.raises(UnsafeOutput, match="symbolic link"):
        embedded.export(out)
    assert victim.read_text() == "precious" and out.is_symlink()
    assert exported_calls(embedded.ctx) == set()


def test_an_output_that_is_a_folder_is_refused_leaving_nothing(embedded, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(UnsafeOutput, match="folder"):
        embedded.export(folder)
    assert list(folder.iterdir()) == [] and _leftovers(tmp_path) == []
    assert exported_calls(embedded.ctx) == set()


def test_a_special_file_is_never_replaced_by_an_export(embedded, tmp_path):
    # A FIFO stands in for a device such as /dev/full: the same refusal, and a test run as
    # root against code without it replaces a file of its own, not the machine's device.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeOutput, match="not a regular file"):
        embedded.export(fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and _leftovers(tmp_path) == []


def test_a_failed_rename_records_no_export_and_leaves_no_temp_file(embedded, tmp_path, monkeypatch):
    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        embedded.export(tmp_path / "e.jsonl")
    monkeypatch.undo()
    assert exported_calls(embedded.ctx) == set()
    assert not (tmp_path / "e.jsonl").exists() and _leftovers(tmp_path) == []
    assert not any(r["action"] == "exported" for r in embedded.audit.read())


def test_an_export_that_cannot_be_recorded_is_removed(embedded, tmp_path, monkeypatch):
    import workers.service

    def unavailable(ctx, calls):
        raise RuntimeError("store down")

    monkeypatch.setattr(workers.service, "record_export", unavailable)
    with pytest.raises(RuntimeError):
        embedded.export(tmp_path / "e.jsonl")
    assert not (tmp_path / "e.jsonl").exists() and _leftovers(tmp_path) == []


def test_the_export_replaces_an_earlier_file_whole(embedded, tmp_path):
    out = tmp_path / "e.jsonl"
    out.write_text("old\n" * 1000)
    assert embedded.export(out) == 1
    assert out.read_text().count("\n") == 1 and exported_calls(embedded.ctx) == {"c1"}
