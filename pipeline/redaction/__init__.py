"""Redaction of personal data in transcript text: recognizers, spoken-form normalizers, operators."""
