"""Data files for redaction: Nordic name gazetteers and word lists (see PROVENANCE.md)."""
