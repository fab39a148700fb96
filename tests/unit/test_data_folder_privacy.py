"""The embedded data folder is its owner's alone, whatever the umask; the audit key is sound."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from config.settings import load_settings
from tests.fakes import PatternAnalyzer, ScriptedTranscriber, write_wav
from workers.adapters.audit_file import MIN_AUDIT_KEY_BYTES, WeakAuditKey, audit_key
from workers.runners.embedded import Embedded


@pytest.fixture
def open_umask():
    previous = os.umask(0)
    yield
    os.umask(previous)


def _embedded(data_dir) -> Embedded:
    return Embedded(
        load_settings(data_dir=data_dir),
        transcriber_factory=ScriptedTranscriber,
        analyzer_factory=lambda: (PatternAnalyzer(), {"fake": "1"}),
    )


def _modes(root) -> dict[str, int]:
    found = {".": stat.S_IMODE(os.stat(root).st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def test_every_folder_is_0700_and_every_file_0600_under_an_open_umask(tmp_path, open_umask):
    data = tmp_path / "data"
    e = _embedded(data)
    e.ingest(write_wav(tmp_path / "a.wav"), call_id="c1", customer_id="cust-1")
    e.run()
    e.flag("legal_hold", customer_id="cust-1", reason="bookkeeping act")
    e.flag("delete_recording", call_id="c1")
    out = tmp_path / "exports" / "training.jsonl"
    e.export(out)
    modes = _modes(data)
    for name in ("varsam.db", "varsam.db-wal", "varsam.db-shm", "audit.jsonl", "audit.key"):
        assert modes[name] == 0o600, name
    assert any(name.startswith("objects/calls/c1/") for name in modes)
    for name, mode in modes.items():
        path = data / name
        assert mode == (0o700 if path.is_dir() else 0o600), (name, oct(mode))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    e.close()


def test_an_existing_world_readable_data_folder_is_tightened(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    first = _embedded(data)
    first.close()
    os.chmod(data / "varsam.db", 0o644)
    os.chmod(data / "audit.key", 0o600)
    e = _embedded(data)
    e.flag("restrict_training", customer_id="cust-1")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "varsam.db").stat().st_mode) == 0o600
    e.close()


@pytest.mark.parametrize(
    "content",
    ["", "\n", "00", "ab" * (MIN_AUDIT_KEY_BYTES - 1), "not hex at all", "é"],
    ids=["empty", "newline", "one-byte", "short", "not-hex", "not-ascii"],
)
def test_an_empty_short_or_unreadable_audit_key_is_refused(tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    (data / "audit.key").write_text(content, encoding="utf-8")
    with pytest.raises(WeakAuditKey, match=r"audit\.key"):
        _embedded(data)


def test_the_audit_key_is_created_once_0600_and_shared_by_racing_processes(tmp_path, open_umask):
    path = tmp_path / "audit.key"
    keys: list[bytes] = []
    start = threading.Barrier(8)

    def make() -> None:
        start.wait()
        keys.append(audit_key(path))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and len(keys[0]) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["audit.key"]
