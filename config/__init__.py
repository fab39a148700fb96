"""Configuration: defaults in config/default.toml, overridden by a TOML file, VARSAM_* env and flags."""
