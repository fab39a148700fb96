"""Pure domain logic of varsam: events, consent, transcripts, redaction, stage functions."""
