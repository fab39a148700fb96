"""The languages the configured speech recognizer knows, to check a forced language at the door."""

from __future__ import annotations

from pathlib import Path

from config.settings import AsrSettings


def asr_languages(options: AsrSettings) -> frozenset[str]:
    """Language codes a forced `--language` may take with this ASR model.

    faster-whisper's tokenizer lists Whisper's languages; an English-only model (`tiny.en`,
    `base.en`, or a folder so named) knows English alone.
    """
    # The tokenizer module's list is the one faster-whisper itself validates against.
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    if Path(options.model).name.endswith(".en"):
        return frozenset({"en"})
    return frozenset(_LANGUAGE_CODES)
