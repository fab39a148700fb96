"""Configuration: default.toml, overridden by a TOML file, VARSAM_* env and CLI flags."""
